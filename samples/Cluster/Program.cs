// A study across real processes on this machine: Orleans silos on loopback, the study, the cluster's membership and the
// coordinators' grain state in PostgreSQL (Orleans' ADO.NET providers: no silo is special). run.sh starts them all:
//   dotnet Cluster.dll setup [--fresh 1]       creates the schema and runs orleans-postgresql.sql in it (and drops an old
//                                              one first with --fresh 1)
//   dotnet Cluster.dll worker --port 11120     a silo that runs trials (--slots 2 at once; --ask-ahead 0 asks for each
//                                              trial only once the last one's result is in; --executor process runs each
//                                              in a worker process of this program) until stopped
//   dotnet Cluster.dll coordinator --port 11112 --trials 20
//                                              a silo that starts the study, waits for it to finish, prints each worker's share
//   dotnet Cluster.dll drop                    drops the schema
//   dotnet Cluster.dll standalone --trials 200 the same study with no Orleans: processes share it through PostgreSQL alone
//   dotnet Cluster.dll span                    the study's first start to last end as stored, and trials per second
// Every role takes --db (an Npgsql connection string; ATTRHPO_POSTGRES, else the local server) and --schema (one per run,
// also the Orleans cluster id). The coordinator takes --study, --trials, --seed, --objective train|trivial|sleep, --sampler random|sobol|gp,
// --lease-seconds and --pruning none|median; it exits 0 once the study holds its budget.
// bench.sh times these roles for docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using AttrHpo;
using Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A worker process of a silo started with --executor process: it runs trials of this program's objectives, then exits.
if (await WorkerHost.TryRunAsync(args))
{
    return 0;
}

if (args.Length == 0 || args[0] is not ("setup" or "worker" or "coordinator" or "drop" or "standalone" or "span"))
{
    Console.Error.WriteLine("Usage: Cluster setup|worker|coordinator|drop|standalone|span [--name value ...] (roles: samples/Cluster/Program.cs; docs/orleans.md)");
    return 2;
}

SampleSettings settings;
try
{
    settings = SampleSettings.Parse(args[1..]);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

try
{
    switch (args[0])
    {
        case "setup":
            await SampleSilo.SetUpAsync(settings, fresh: settings.Number("--fresh", 0) == 1);
            Console.WriteLine($"schema {settings.Schema} ready");
            return 0;
        case "drop":
            await SampleSilo.DropAsync(settings);
            return 0;
        case "standalone":
            return await Measurements.StandaloneAsync(settings);
        case "span":
            return await Measurements.SpanAsync(settings);
        case "worker":
            return await ServeAsync(settings.Number("--port", 11120), settings.Number("--slots", 2), "worker");
        default:
            return await CoordinateAsync();
    }
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
catch (OperationCanceledException)
{
    // Ctrl+C (or SIGTERM) while the silo was still starting: it leaves the cluster, and nothing of the study is lost.
    Console.Error.WriteLine("Stopped (Ctrl+C) while starting. Any study goes on in the cluster; run the same command again to wait for it.");
    return 130;
}
catch (Npgsql.NpgsqlException exception)
{
    Console.Error.WriteLine(
        $"PostgreSQL cannot be reached ({exception.Message}). Start the local server (pg_ctlcluster 15 main start) or pass --db with an Npgsql connection string.");
    return 1;
}

async Task<int> ServeAsync(int port, int slots, string role)
{
    using var host = SampleSilo.Build(settings, port, slots);
    await host.StartAsync();
    Console.WriteLine($"{role} ready on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} (pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)})");
    await host.WaitForShutdownAsync();
    return 0;
}

async Task<int> CoordinateAsync()
{
    var options = new ClusterStudyOptions
    {
        Name = settings.Text("--study", "cluster-sample"),
        Trials = settings.Number("--trials", 20),
        Seed = (ulong)settings.Number("--seed", 42),
        Sampler = settings.Text("--sampler", "sobol") switch
        {
            "random" => ClusterSampler.Random,
            "sobol" => ClusterSampler.Sobol,
            "gp" => ClusterSampler.GaussianProcess,
            var other => throw new ArgumentException($"--sampler '{other}': use random, sobol or gp."),
        },
        LeaseDuration = TimeSpan.FromSeconds(settings.Number("--lease-seconds", 10)),
        Pruning = settings.Text("--pruning", "none") switch
        {
            "none" => null,
            "median" => Pruning.Median(),
            var other => throw new ArgumentException($"--pruning '{other}': use none or median."),
        },
        FailoverTimeout = TimeSpan.FromMinutes(2),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };
    IRegisteredObjective objective = settings.Text("--objective", "train") switch
    {
        "train" => Training.TrainStudy.Objective,
        "trivial" => Bench.TrivialStudy.Objective,
        "sleep" => Bench.SleepStudy.Objective,
        var other => throw new ArgumentException($"--objective '{other}': use train, trivial or sleep."),
    };
    var port = settings.Number("--port", 11112);
    using var host = SampleSilo.Build(settings, port, settings.Number("--slots", 0));
    await host.StartAsync();
    var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
    Console.WriteLine($"coordinator ready on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} (pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)})");
    var clock = Stopwatch.StartNew();
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    var run = grains.RunStudyAsync(objective, options, stopping);
    ClusterStudyStatus status;
    try
    {
        // Where the study's coordinator grain lives: this process, unless an earlier coordinator process died and a worker's
        // silo took it over.
        while (!run.IsCompleted)
        {
            try
            {
                Console.WriteLine($"coordinator grain on {(await grains.GetStudyStatusAsync(options.Name!)).CoordinatorSilo}");
                break;
            }
            catch (Exception exception) when (exception is InvalidOperationException or OrleansException or TimeoutException)
            {
                await Task.Delay(50, stopping); // not started yet
            }
        }

        status = await run;
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        // Ctrl+C (or SIGTERM): stop waiting and leave the cluster gracefully. The study is the cluster's, not this process's:
        // its coordinator grain moves to another silo and the workers go on; running this command again waits for it.
        Console.WriteLine($"stopped waiting for study {options.Name} (Ctrl+C): it goes on in the cluster; run the coordinator again to wait for it");
        await host.StopAsync(CancellationToken.None);
        return 130;
    }

    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(FormattableString.Invariant(
        $"study {status.Name}: {status.Complete} complete, {status.Pruned} pruned, {status.Failed} failed of {status.Trials} in {seconds:F2} s"));
    Console.WriteLine($"best {status.BestValue?.ToString("G6", CultureInfo.InvariantCulture)} with {status.BestParametersJson} (trial {status.BestNumber})");
    var shares = await SampleSilo.SharesAsync(settings, options.Name!);
    var total = shares.Sum(s => s.Trials);
    foreach (var (worker, trials) in shares)
    {
        Console.WriteLine(FormattableString.Invariant($"share {worker}: {trials} trials ({100.0 * trials / Math.Max(1, total):F0} %)"));
    }

    await host.StopAsync(CancellationToken.None);
    return status.Finished && status.Complete + status.Pruned == status.Trials ? 0 : 1;
}
