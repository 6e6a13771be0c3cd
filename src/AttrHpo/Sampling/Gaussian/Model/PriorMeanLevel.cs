namespace AttrHpo;

/// <summary>
/// The GP's constant prior mean on the standardised targets (<see cref="GpSamplerOptions.PriorMeanQuantile"/>): 0 (the
/// average target) or a quantile of the targets. A pessimistic prior mean (a high quantile) makes the unexplored parts of
/// the space look as bad as the bad trials rather than average, so expected improvement no longer prefers the corners of
/// the box merely because nothing was observed there.
/// </summary>
internal static class PriorMeanLevel
{
    /// <summary>The prior mean for standardised <paramref name="targets"/>: 0 when <paramref name="quantile"/> is null, else that quantile (linear interpolation).</summary>
    public static double Of(double? quantile, ReadOnlySpan<double> targets)
    {
        if (quantile is not { } q || targets.Length == 0)
        {
            return 0;
        }

        var sorted = targets.ToArray();
        Array.Sort(sorted);
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
