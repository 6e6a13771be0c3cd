using System.Globalization;

namespace AttrHpo.StudyWorker;

/// <summary>What one worker process runs, from its command line.</summary>
internal sealed record WorkerArguments(string File, string Study, int Trials, int Parallelism, TimeSpan TrialSleep, TimeSpan Lease, ulong Seed, bool WaitForGo, bool AskOnly)
{
    public const string Usage =
        "usage: AttrHpo.StudyWorker --file PATH --study NAME --trials N [--parallelism 1] [--sleep-ms 0] [--lease-ms 30000] [--seed 0] [--wait-for-go] [--ask]";

    /// <summary>The arguments this process was started with.</summary>
    public static WorkerArguments Current { get; } = Parse(Environment.GetCommandLineArgs()[1..]);

    public static WorkerArguments Parse(string[] args)
    {
        string? Option(string name)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Number(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new WorkerArguments(
            Option("file") ?? throw new ArgumentException("--file is required. " + Usage),
            Option("study") ?? throw new ArgumentException("--study is required. " + Usage),
            Number("trials", 0) is > 0 and var trials ? trials : throw new ArgumentException("--trials must be a positive number. " + Usage),
            Number("parallelism", 1),
            TimeSpan.FromMilliseconds(Number("sleep-ms", 0)),
            TimeSpan.FromMilliseconds(Number("lease-ms", 30_000)),
            ulong.Parse(Option("seed") ?? "0", CultureInfo.InvariantCulture),
            args.Contains("--wait-for-go"),
            args.Contains("--ask"));
    }
}
