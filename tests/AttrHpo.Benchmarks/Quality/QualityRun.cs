namespace AttrHpo.Benchmarks;

/// <summary>The outcome of one sampler on one function over several seeds: regret at each checkpoint per seed, and seconds per seed.</summary>
internal sealed record QualityRun(string Function, string Sampler, int Batch, int Budget, IReadOnlyDictionary<int, double[]> RegretAt, double[] Seconds)
{
    /// <summary>How the study was driven.</summary>
    public QualitySettings Settings { get; init; } = QualitySettings.Default;

    /// <summary>Near-duplicate trials per seed (<see cref="SeedOutcome.NearDuplicates"/>).</summary>
    public int[] NearDuplicates { get; init; } = [];

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
