using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace AttrHpo.Orleans.Tests;

/// <summary>
/// An Orleans in-process test cluster of three silos, each a coordinator host and a worker with two slots, sharing one
/// in-memory study storage (what a PostgreSQL server is to real silos) and one grain state store.
/// </summary>
internal sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(InProcessTestCluster cluster, InMemoryStudyStorage storage)
    {
        Cluster = cluster;
        Storage = storage;
    }

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What every silo registers: this assembly's objectives and the worker program's (tests/AttrHpo.ProcessWorker), which a silo's process executor runs.</summary>
    public static ObjectiveRegistry Objectives { get; } = new(
        [.. ObjectiveRegistry.FromAssembly(typeof(ClusterFixture).Assembly).Objectives, .. ObjectiveRegistry.FromAssembly(typeof(AttrHpo.ProcessWorker.Faults).Assembly).Objectives]);

    public InProcessTestCluster Cluster { get; }

    public InMemoryStudyStorage Storage { get; }

    /// <param name="silos">How many silos.</param>
    /// <param name="slots">Worker slots per silo.</param>
    /// <param name="wrapStorage">What the silos see of the shared storage (a slower one, say); the storage itself when null.</param>
    /// <param name="samplers">The coordinators' samplers; the default ones when null.</param>
    /// <param name="askAhead">The silos' <see cref="AttrHpoSiloOptions.AskAhead"/>.</param>
    /// <param name="executors">Each silo's <see cref="AttrHpoSiloOptions.Executor"/>, by the silo's name; none when null. Called concurrently for the silos.</param>
    /// <param name="checkpointDirectory">Every silo's <see cref="AttrHpoSiloOptions.CheckpointDirectory"/>.</param>
    /// <param name="services">Registers a silo's own services, given the silo's name; nothing when null. Called concurrently for the silos.</param>
    public static async Task<ClusterFixture> StartAsync(
        int silos = 3,
        int slots = 2,
        Func<IStudyStorage, IStudyStorage>? wrapStorage = null,
        ClusterSamplers? samplers = null,
        bool askAhead = true,
        Func<string, ITrialExecutor?>? executors = null,
        string? checkpointDirectory = null,
        Action<string, IServiceCollection>? services = null)
    {
        var storage = StudyStorage.InMemory();
        var shared = wrapStorage?.Invoke(storage) ?? storage;
        var states = new SharedGrainStates();
        var builder = new InProcessTestClusterBuilder(checked((short)silos));
        builder.Options.ConfigureFileLogging = false;
        // A call in flight to a silo that is killed waits for its response timeout (Orleans' default 30 s); 5 s keeps the
        // kill tests short and still far above what any call here takes.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout));
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            silo.Services.AddSingleton(shared);
            if (samplers is not null)
            {
                silo.Services.AddSingleton(samplers);
            }

            services?.Invoke(siloOptions.SiloName, silo.Services);
            silo.Services.AddGrainStorage(AttrHpoSiloOptions.GrainStorageName, (services, _) => new SharedGrainStorage(states, services.GetRequiredService<Serializer>()));
            silo.AddAttrHpo(o =>
            {
                o.Objectives = Objectives;
                o.WorkerSlots = slots;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                o.AskAhead = askAhead;
                o.Executor = executors?.Invoke(siloOptions.SiloName);
                o.CheckpointDirectory = checkpointDirectory;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterFixture(cluster, storage);
    }

    /// <summary>Every trial of <paramref name="study"/> as storage holds it, by number.</summary>
    public async Task<IReadOnlyList<TrialRecord>> TrialsAsync(string study) =>
        [.. (await Storage.GetChangesAsync(study, 0, CancellationToken.None)).Trials.OrderBy(t => t.Number)];

    /// <summary>The silo whose address the coordinator reported, and the worker name its slots lease trials under.</summary>
    public (InProcessSiloHandle Silo, string Worker) Silo(string address)
    {
        var silo = Cluster.Silos.Single(s => s.SiloAddress.ToString() == address);
        return (silo, WorkerOf(silo));
    }

    public static string WorkerOf(InProcessSiloHandle silo) => $"orleans/{silo.SiloAddress.ToParsableString()}";

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
