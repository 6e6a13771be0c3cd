namespace AttrHpo.Benchmarks;

/// <summary>One seed's run: regret at each checkpoint, seconds taken, and near-duplicate trials.</summary>
/// <param name="Regret">Best value among the first c trials (by number) minus the known minimum, per checkpoint c.</param>
/// <param name="Seconds">Wall-clock seconds of the run.</param>
internal sealed record SeedOutcome(double[] Regret, double Seconds)
{
    /// <summary>Trials within 0.5 % of the range, in every coordinate, of one of the three trials numbered just before them.</summary>
    public int NearDuplicates { get; init; }

    /// <summary>The outcome of <paramref name="trials"/> (point and value, ordered by number; failed ones with no value or a value that is not finite).</summary>
    public static SeedOutcome From(IReadOnlyList<(IReadOnlyList<double> Point, double? Value)> trials, BenchmarkFunction function, int[] checkpoints, double seconds)
    {
        var regret = new double[checkpoints.Length];
        var best = double.PositiveInfinity;
        for (var n = 0; n < trials.Count; n++)
        {
            // A failed trial (no finite value) is never the best; a noisy objective's best is its noiseless value there.
            if (trials[n].Value is { } value && double.IsFinite(value))
            {
                best = Math.Min(best, function.Noiseless is { } noiseless ? noiseless(function.Decode([.. trials[n].Point])) : value);
            }

            var at = Array.IndexOf(checkpoints, n + 1);
            if (at >= 0)
            {
                regret[at] = best - function.KnownMinimum;
            }
        }

        return new SeedOutcome(regret, seconds) { NearDuplicates = CountNearDuplicates(trials.Select(t => t.Point).ToList()) };
    }

    /// <summary>How many points lie within 0.005 of one of the three points before them in every coordinate of the unit cube.</summary>
    public static int CountNearDuplicates(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var count = 0;
        for (var n = 1; n < points.Count; n++)
        {
            for (var k = Math.Max(0, n - 3); k < n; k++)
            {
                if (points[n].Zip(points[k]).All(p => Math.Abs(p.First - p.Second) < 0.005))
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }
}
