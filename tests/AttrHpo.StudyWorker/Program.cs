// A study worker for the multi-process tests of AttrHpo.Tests: runs one study on a SQLite file, several of them at once,
// and prints "complete N" for each trial it completes, after the trial is committed to the file.
//   AttrHpo.StudyWorker --file study.db --study shared --total-trials 100 --parallelism 2 --sleep-ms 10 --lease-ms 2000
// --trials N runs N more trials in this process; --total-trials N runs until the study holds N trials, with every worker on the file.
// With --wait-for-go it prints "ready" once the file is open and waits for a line on its standard input before it starts.
// Ctrl+C (SIGINT) stops it as it stops an application: running trials are cancelled and recorded, it prints "cancelled", exits 130.
// With --ask it only asks for --trials trials (ask/tell), prints "asked N JSON" for each, and exits without telling them.
// With --ask-tell-batch B it asks B trials at a time, tells their values, and prints "point N JSON" for each, --trials in all.
// With --late-reads-ms N its reads of the study's changes arrive up to N ms late, as on a loaded machine.
// With --console it runs OptimizeWithConsoleAsync with no Ctrl+C handler of its own (the display handles it).
// --sampler random|gp|cells picks the study's sampler (cells: the lowest of 64 cells of x that no other trial holds).
// With --new-version a changed search space starts a new version of the study; with --wait-for-go it prints "version N" before "ready".
//   AttrHpo.StudyWorker --replay study.db --pruning sh:1:3:0 [--maximize]
// replays pruning events read from its standard input, one per line, with a new study object for each (ReplaySession),
// printing one answer line per command, until its input ends.
using AttrHpo;
using AttrHpo.StudyWorker;

if (Array.IndexOf(args, "--replay") is >= 0 and var replay && replay + 1 < args.Length)
{
    var rule = Array.IndexOf(args, "--pruning") is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : "sh:1:3:0";
    await using var session = new ReplaySession(args[replay + 1], rule, args.Contains("--maximize"), fresh: true);
    Console.WriteLine("ready");
    while (await Console.In.ReadLineAsync() is { } line)
    {
        Console.WriteLine(await session.RunAsync(line));
    }

    return 0;
}

WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Current;
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

using var interrupted = new CancellationTokenSource();
if (!arguments.Console)
{
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        interrupted.Cancel();
    };
}

try
{
    await using IStudyStorage storage = arguments.LateReads > TimeSpan.Zero
        ? new AttrHpo.Tests.Support.DelayedReadsStorage(StudyStorage.Sqlite(arguments.File), arguments.LateReads, seed: Environment.ProcessId)
        : StudyStorage.Sqlite(arguments.File);
    var sampler = arguments.CreateSampler();
    using var disposable = sampler as IDisposable;
    var study = Work.RunAsyncStudy.Create(new StudyOptions
    {
        Sampler = sampler,
        Storage = storage,
        Name = arguments.Study,
        Seed = arguments.Seed,
        LeaseDuration = arguments.Lease,
        WorkerName = $"{Environment.MachineName}/{Environment.ProcessId}/worker", // the default's form: a dead worker of this machine is recognised
        OnSpaceChange = arguments.NewVersion ? SpaceChange.NewVersion : SpaceChange.Refuse,
    });
    if (arguments.WaitForGo)
    {
        await study.GetTrialsAsync(); // opens the file and the study
        Console.WriteLine($"version {study.Version}");
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync();
    }

    if (arguments.AskOnly)
    {
        for (var i = 0; i < arguments.Trials; i++)
        {
            var asked = await study.AskAsync(cancellationToken: interrupted.Token);
            Console.WriteLine($"asked {asked.Number} {study.Objective.ToJson(asked.Parameters)}");
        }

        return 0;
    }

    if (arguments.AskTellBatch is { } batch)
    {
        for (var told = 0; told < arguments.Trials;)
        {
            var asked = new List<AskedTrial<Work.RunAsyncParameters>>();
            for (var i = 0; i < Math.Min(batch, arguments.Trials - told); i++)
            {
                asked.Add(await study.AskAsync(cancellationToken: interrupted.Token));
            }

            foreach (var trial in asked)
            {
                await study.TellAsync(trial, (trial.Parameters.X * trial.Parameters.X) + (1.0 / trial.Parameters.Width), interrupted.Token);
                Console.WriteLine($"point {trial.Number} {study.Objective.ToJson(trial.Parameters)}");
                told++;
            }
        }

        return 0;
    }

    if (arguments.Console)
    {
        // The README's way: no Ctrl+C handler here, the console display handles it.
        var shown = await study.OptimizeWithConsoleAsync(arguments.Stop, arguments.Parallelism);
        Console.WriteLine($"done {shown.Trials.Count}");
        return 0;
    }

    var progress = new ProgressLine();
    var result = await study.OptimizeAsync(arguments.Stop, arguments.Parallelism, progress, interrupted.Token);
    Console.WriteLine($"done {result.Trials.Count}");
    return 0;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.WriteLine("cancelled");
    return 130;
}
catch (Exception exception)
{
    await Console.Error.WriteLineAsync(exception.ToString());
    return 1;
}

/// <summary>Prints a line for each finished trial, at once (progress is told after the trial is recorded).</summary>
internal sealed class ProgressLine : IProgress<Trial<Work.RunAsyncParameters>>
{
    public void Report(Trial<Work.RunAsyncParameters> value) =>
        Console.WriteLine(value.State == TrialState.Complete ? $"complete {value.Number}" : $"{value.State.ToString().ToLowerInvariant()} {value.Number}");
}
