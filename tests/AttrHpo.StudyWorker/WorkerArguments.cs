using System.Globalization;

namespace AttrHpo.StudyWorker;

/// <summary>What one worker process runs, from its command line.</summary>
internal sealed record WorkerArguments(string File, string Study, int Trials, int Parallelism, TimeSpan TrialSleep, TimeSpan Lease, ulong Seed, bool WaitForGo, bool AskOnly)
{
    public const string Usage =
        "usage: AttrHpo.StudyWorker --file PATH --study NAME (--trials N | --total-trials N) [--parallelism 1] [--sleep-ms 0] [--lease-ms 30000] [--seed 0] [--late-reads-ms 0] " +
        "[--wait-for-go] [--ask] [--sampler random|gp|cells] [--ask-tell-batch N] [--console] [--new-version] [--hang-after N]";

    /// <summary>The arguments this process was started with.</summary>
    public static WorkerArguments Current { get; } = Parse(Environment.GetCommandLineArgs()[1..]);

    /// <summary>
    /// Whether <see cref="Trials"/> is the study's total (<c>--total-trials</c>: <see cref="StopCondition.TotalTrials"/>, shared
    /// with every other worker on the file) rather than this worker's own count (<c>--trials</c>: that many more trials).
    /// </summary>
    public bool Total { get; init; }

    /// <summary>When to stop: this worker's count of more trials, or the study's total.</summary>
    public StopCondition Stop => Total ? StopCondition.TotalTrials(Trials) : StopCondition.MoreTrials(Trials);

    /// <summary>The study's sampler: random (the default), gp, or cells (the lowest free of 64 cells of x).</summary>
    public string Sampler { get; init; } = "random";

    /// <summary>Run through OptimizeWithConsoleAsync, with no Ctrl+C handler of the worker's own.</summary>
    public bool Console { get; init; }

    /// <summary>A changed search space starts a new version of the study (SpaceChange.NewVersion) rather than being refused.</summary>
    public bool NewVersion { get; init; }

    /// <summary>With a value, the worker runs ask/tell in batches of this many (all asked before any is told) instead of OptimizeAsync.</summary>
    public int? AskTellBatch { get; init; }

    public static WorkerArguments Parse(string[] args)
    {
        string? Option(string name)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Number(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var file = Option("file") ?? throw new ArgumentException("--file is required. " + Usage);
        var study = Option("study") ?? throw new ArgumentException("--study is required. " + Usage);
        var total = Option("total-trials") is not null;
        if (total == (Option("trials") is not null))
        {
            throw new ArgumentException("Give either --trials (this many more) or --total-trials (the study's total). " + Usage);
        }

        if (total && (args.Contains("--ask") || args.Contains("--ask-tell-batch")))
        {
            throw new ArgumentException("--ask and --ask-tell-batch take --trials, the number of trials to ask. " + Usage);
        }

        return new WorkerArguments(
            file,
            study,
            Number(total ? "total-trials" : "trials", 0) is > 0 and var trials ? trials : throw new ArgumentException("--trials and --total-trials take a positive number. " + Usage),
            Number("parallelism", 1),
            TimeSpan.FromMilliseconds(Number("sleep-ms", 0)),
            TimeSpan.FromMilliseconds(Number("lease-ms", 30_000)),
            ulong.Parse(Option("seed") ?? "0", CultureInfo.InvariantCulture),
            args.Contains("--wait-for-go"),
            args.Contains("--ask"))
        {
            Sampler = Option("sampler") is { } sampler && sampler is "random" or "gp" or "cells"
                ? sampler
                : Option("sampler") is null ? "random" : throw new ArgumentException("--sampler must be random, gp or cells. " + Usage),
            AskTellBatch = Option("ask-tell-batch") is null ? null : Number("ask-tell-batch", 1),
            Console = args.Contains("--console"),
            Total = total,
            LateReads = TimeSpan.FromMilliseconds(Number("late-reads-ms", 0)),
            NewVersion = args.Contains("--new-version"),
            HangAfter = Option("hang-after") is null ? null : Number("hang-after", 0),
        };
    }

    /// <summary>With a length, the worker's reads of changes arrive late by up to that much (a loaded machine): see DelayedReadsStorage.</summary>
    public TimeSpan LateReads { get; init; }

    /// <summary>
    /// With a value, trials this process starts after that many print "hanging" and never return (until killed), so a test that
    /// kills the process at that line always finds trials running under its leases.
    /// </summary>
    public int? HangAfter { get; init; }

    /// <summary>How many trials this process has started; read against <see cref="HangAfter"/>.</summary>
    public TrialCounter Started { get; } = new();

    /// <summary>A new sampler of the kind asked for.</summary>
    public ISampler CreateSampler() => Sampler switch
    {
        "gp" => new GpSampler(),
        "cells" => new CellSampler(),
        _ => new RandomSampler(),
    };
}

/// <summary>A thread-safe count of started trials.</summary>
internal sealed class TrialCounter
{
    private int count;

    /// <summary>Counts one more trial and returns the new count.</summary>
    public int Next() => Interlocked.Increment(ref count);
}
