using System.Net;
using System.Reflection;
using AttrHpo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Cluster;

/// <summary>
/// One process of the sample: an Orleans silo on loopback, with the study's storage, the cluster's membership and the grain
/// state in PostgreSQL.
/// </summary>
internal static class SampleSilo
{
    /// <summary>
    /// A silo listening on 127.0.0.1:<paramref name="port"/>, running <paramref name="slots"/> trials at once, in the cluster
    /// that Orleans' ADO.NET clustering lists in the schema's membership table (<see cref="SampleSettings.ClusterId"/>).
    /// </summary>
    public static IHost Build(SampleSettings settings, int port, int slots)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Orleans warns at length about the silos this sample kills on purpose; its errors still show.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Services.AddSingleton<IStudyStorage>(_ => StudyStorage.PostgreSql(settings.ConnectionString));
        // --executor process: each trial runs in a worker process of this program (a crash takes down the worker, not the
        // silo); the container disposes the executor, and with it the workers, when the silo stops.
        ProcessExecutor? processes = settings.Text("--executor", "inprocess") switch
        {
            "inprocess" => null,
            "process" => new ProcessExecutor(new ProcessExecutorOptions { Slots = Math.Max(1, slots) }),
            var other => throw new ArgumentException($"--executor '{other}': use inprocess or process."),
        };
        if (processes is not null)
        {
            builder.Services.AddSingleton(_ => processes);
        }

        // A coordinator activates in the process that first asks for it (the coordinator's, which starts the study), and in
        // a worker's after that process dies. Orleans' default would place it on any silo.
        builder.Services.AddSingleton<PlacementStrategy, PreferLocalPlacement>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = "attrhpo-cluster-sample";
            });
            // Membership and grain state through Orleans' ADO.NET providers, in the run's schema (the connection string's search
            // path), with the tables and queries of orleans-postgresql.sql: every silo joins through the table, none is special.
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = settings.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(AttrHpoSiloOptions.GrainStorageName, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = settings.ConnectionString;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort: port, gatewayPort: 0, listenOnAnyHostAddress: false);
            // A killed process is declared dead within a few seconds, and calls in flight to it give up after 5 s.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            silo.AddAttrHpo(o =>
            {
                o.Objectives = ObjectiveRegistry.FromAssembly(typeof(SampleSilo).Assembly);
                o.WorkerSlots = slots;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                o.AskAhead = settings.Number("--ask-ahead", 1) != 0;
                o.Executor = processes;
            });
        });
        return builder.Build();
    }

    /// <summary>
    /// Creates the sample's schema and runs orleans-postgresql.sql in it: the tables and queries of Orleans' ADO.NET clustering
    /// and grain storage (<paramref name="fresh"/>: drops an old schema first).
    /// </summary>
    public static async Task SetUpAsync(SampleSettings settings, bool fresh)
    {
        await using var server = NpgsqlDataSource.Create(settings.ServerConnectionString);
        if (fresh)
        {
            await server.CreateCommand($"DROP SCHEMA IF EXISTS \"{settings.Schema}\" CASCADE").ExecuteNonQueryAsync();
        }

        await server.CreateCommand($"CREATE SCHEMA IF NOT EXISTS \"{settings.Schema}\"").ExecuteNonQueryAsync();
        await using var database = NpgsqlDataSource.Create(settings.ConnectionString);
        await database.CreateCommand(await OrleansScriptAsync()).ExecuteNonQueryAsync();
    }

    /// <summary>orleans-postgresql.sql, embedded in the sample's assembly.</summary>
    private static async Task<string> OrleansScriptAsync()
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("orleans-postgresql.sql")
            ?? throw new InvalidOperationException("orleans-postgresql.sql is not embedded in the sample.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Drops the sample's schema and everything in it.</summary>
    public static async Task DropAsync(SampleSettings settings)
    {
        await using var server = NpgsqlDataSource.Create(settings.ServerConnectionString);
        await server.CreateCommand($"DROP SCHEMA IF EXISTS \"{settings.Schema}\" CASCADE").ExecuteNonQueryAsync();
    }

    /// <summary>The completed trials of <paramref name="study"/> by the worker that ran them, straight from PostgreSQL.</summary>
    public static async Task<IReadOnlyList<(string Worker, long Trials)>> SharesAsync(SampleSettings settings, string study)
    {
        await using var database = NpgsqlDataSource.Create(settings.ConnectionString);
        await using var command = database.CreateCommand(
            "SELECT t.worker, count(*) FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = $1 AND t.state = 'Complete' GROUP BY t.worker ORDER BY t.worker");
        command.Parameters.Add(new NpgsqlParameter { Value = study });
        await using var reader = await command.ExecuteReaderAsync();
        var shares = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            shares.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return shares;
    }
}
