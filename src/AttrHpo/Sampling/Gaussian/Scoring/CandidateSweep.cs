namespace AttrHpo;

/// <summary>The argument checks every <see cref="ICandidateScorer"/> makes, in one place.</summary>
internal static class CandidateSweep
{
    /// <summary>Checks the arguments of <see cref="ICandidateScorer.Score"/> and returns the number of candidates, m.</summary>
    public static int Validate(GpPosterior posterior, ReadOnlySpan<double> candidates, double best, Span<double> mean, Span<double> variance, Span<double> logEi)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var d = posterior.Dimensions;
        if (candidates.Length % d != 0)
        {
            throw new ArgumentException(
                $"The candidates hold {candidates.Length} values, which is not a whole number of {d}-dimensional points; pass m * {d} values, row-major.",
                nameof(candidates));
        }

        var m = candidates.Length / d;
        if (mean.Length != m || variance.Length != m || logEi.Length != m)
        {
            throw new ArgumentException(
                $"The outputs must hold one value per candidate ({m}), but mean, variance and logEi hold {mean.Length}, {variance.Length} and {logEi.Length}.",
                nameof(mean));
        }

        if (!double.IsFinite(best))
        {
            throw new ArgumentOutOfRangeException(nameof(best), best, "The best loss must be finite.");
        }

        return m;
    }
}
