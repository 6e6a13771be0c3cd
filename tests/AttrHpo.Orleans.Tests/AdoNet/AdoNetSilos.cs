using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace AttrHpo.Orleans.Tests.AdoNet;

/// <summary>
/// Real Orleans silo hosts in this process, configured as docs/orleans.md's production setup: Orleans' ADO.NET clustering and
/// grain storage on PostgreSQL (invariant "Npgsql") with the sample's script, not the test cluster's membership. They share
/// one in-memory study storage, as real silos share a PostgreSQL one.
/// </summary>
internal static class AdoNetSilos
{
    public const string ServiceId = "attrhpo-adonet-tests";

    /// <summary>A silo on 127.0.0.1 with free silo and gateway ports, started: it has joined the cluster when this returns.</summary>
    /// <param name="configure">More of the silo's configuration (another grain storage, say).</param>
    public static async Task<IHost> StartSiloAsync(
        AdoNetDatabase database, IStudyStorage storage, CancellationToken cancellationToken, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging);
        builder.Services.AddSingleton(storage);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (database.Schema, ServiceId));
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", database.ConnectionString));
            silo.AddAdoNetGrainStorage(AttrHpoSiloOptions.GrainStorageName, o => (o.Invariant, o.ConnectionString) = ("Npgsql", database.ConnectionString));
            silo.ConfigureEndpoints(IPAddress.Loopback, Processes.SampleDatabase.FreePort(), Processes.SampleDatabase.FreePort(), listenOnAnyHostAddress: false);
            // A silo that stops answering is suspected after two missed one-second probes, as in the sample.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            silo.AddAttrHpo(o =>
            {
                o.Objectives = ClusterFixture.Objectives;
                o.WorkerSlots = 2;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
            });
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>A client that finds the cluster's gateways through the same membership table.</summary>
    public static async Task<IHost> StartClientAsync(AdoNetDatabase database, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (database.Schema, ServiceId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", database.ConnectionString));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static SiloAddress Address(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The worker name the silo's slots lease trials under.</summary>
    public static string Worker(IHost silo) => $"orleans/{Address(silo).ToParsableString()}";

    /// <summary>
    /// Stops the silo with an already cancelled token, as Orleans' test cluster kills one: no graceful shutdown, its grains
    /// are not deactivated and their state is not written on the way out.
    /// </summary>
    public static async Task KillAsync(IHost silo)
    {
        try
        {
            await silo.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // What a cancelled stop may end with; the silo is down either way.
        }
    }

    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
    }
}
