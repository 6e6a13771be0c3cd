using System.Globalization;

namespace AttrHpo.Benchmarks;

/// <summary>How the quality benchmark drives the study.</summary>
internal enum QualityPath
{
    /// <summary>Ask/tell: batches of <c>batch</c> trials asked before any of them is told.</summary>
    AskTell,

    /// <summary>The README's call: <c>OptimizeAsync(trials: budget, parallelism: batch)</c> in one process, in memory.</summary>
    Optimize,

    /// <summary>Several processes running <c>OptimizeAsync</c> on one SQLite file, <c>batch</c> trials at a time each.</summary>
    Processes,
}

/// <summary>The path, how long each evaluation pretends to train (so that trials overlap), and how many processes share a file.</summary>
internal sealed record QualitySettings(QualityPath Path = QualityPath.AskTell, int TrialMilliseconds = 0, int Processes = 2)
{
    public static QualitySettings Default { get; } = new();

    /// <summary>Parses <c>asktell</c>, <c>optimize</c> or <c>processes</c>.</summary>
    public static QualityPath ParsePath(string text) => text switch
    {
        "asktell" => QualityPath.AskTell,
        "optimize" => QualityPath.Optimize,
        "processes" => QualityPath.Processes,
        _ => throw new ArgumentException($"Unknown path '{text}': use asktell, optimize or processes."),
    };

    public override string ToString() => Path switch
    {
        QualityPath.AskTell => "asktell",
        QualityPath.Optimize => string.Create(CultureInfo.InvariantCulture, $"optimize (trials of {TrialMilliseconds} ms)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"processes ({Processes} on one SQLite file, trials of {TrialMilliseconds} ms)"),
    };
}
