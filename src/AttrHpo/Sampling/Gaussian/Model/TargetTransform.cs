using MathNet.Numerics.Distributions;

namespace AttrHpo;

/// <summary>
/// Turns losses into the GP's targets: the configured <see cref="GpOutputTransform"/> (for <see cref="GpOutputTransform.Auto"/>
/// one chosen from the finite losses by <see cref="Choose"/>, then the far-out upper tail clipped), failed trials imputed
/// as the worst target, then standardisation to mean 0 and variance 1.
/// </summary>
/// <remarks>Auto follows HEBO (Cowen-Rivers et al. 2022): a power transform at every fit rather than a choice by thresholds;
/// taking the logarithm of positive losses spanning three orders of magnitude was measured and hurt (docs/benchmarks.md).
/// Every transform is non-decreasing and strictly increasing below the clipping fence, so the best loss stays the
/// smallest target and expected improvement keeps its meaning.</remarks>
internal static class TargetTransform
{
    /// <summary><see cref="GpOutputTransform.Auto"/> falls back to ranks when the transformed losses' skewness is still above this.</summary>
    public const double RankSkewness = 2;

    /// <summary><see cref="GpOutputTransform.Auto"/> clips transformed losses above the third quartile plus this many interquartile ranges (Tukey's far-out fence).</summary>
    public const double Fence = 3;

    /// <summary>
    /// The standardised targets of <paramref name="losses"/>. Non-finite losses (failed trials) are imputed as the worst
    /// finite target after the transform (and the clipping); with no finite loss every target is 0.
    /// </summary>
    public static double[] Apply(GpOutputTransform transform, ReadOnlySpan<double> losses)
    {
        var finite = new List<double>(losses.Length);
        foreach (var loss in losses)
        {
            if (double.IsFinite(loss))
            {
                finite.Add(loss);
            }
        }

        var result = new double[losses.Length];
        if (finite.Count == 0)
        {
            return result;
        }

        var values = finite.ToArray();
        Transform(transform == GpOutputTransform.Auto ? Choose(values) : transform, values);
        if (transform == GpOutputTransform.Auto)
        {
            ClipUpperTail(values);
        }

        var worst = values.Max();
        var next = 0;
        for (var i = 0; i < losses.Length; i++)
        {
            result[i] = double.IsFinite(losses[i]) ? values[next++] : worst;
        }

        Standardise(result);
        return result;
    }

    /// <summary>
    /// The transform <see cref="GpOutputTransform.Auto"/> uses for these (finite) losses: <see cref="GpOutputTransform.None"/>
    /// for fewer than 3, else <see cref="GpOutputTransform.Power"/> (its fitted exponent is near 1, nearly the identity, for
    /// losses that are already symmetric), or <see cref="GpOutputTransform.RankGaussian"/> when the power transform leaves a
    /// skewness above <see cref="RankSkewness"/> (a tail of bad losses that no exponent in [-4, 4] tames; a long tail of good
    /// losses is kept, since it is what the model must resolve).
    /// </summary>
    public static GpOutputTransform Choose(ReadOnlySpan<double> losses)
    {
        if (losses.Length < 3)
        {
            return GpOutputTransform.None;
        }

        var transformed = losses.ToArray();
        Transform(GpOutputTransform.Power, transformed);
        return Skewness(transformed) > RankSkewness ? GpOutputTransform.RankGaussian : GpOutputTransform.Power;
    }

    /// <summary>The sample skewness (third standardised moment) of <paramref name="values"/>; 0 when they are all equal.</summary>
    public static double Skewness(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v / values.Length;
        }

        double second = 0, third = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            second += d * d / values.Length;
            third += d * d * d / values.Length;
        }

        return second > 0 ? third / Math.Pow(second, 1.5) : 0;
    }

    /// <summary>Scales <paramref name="values"/> to mean 0 and standard deviation 1 (just centred when they are all equal).</summary>
    public static void Standardise(Span<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v / values.Length;
        }

        var variance = 0.0;
        foreach (var v in values)
        {
            variance += (v - mean) * (v - mean) / values.Length;
        }

        var scale = variance > 0 ? Math.Sqrt(variance) : 1;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] - mean) / scale;
        }
    }

    /// <summary>Clips values above the far-out fence q3 + <see cref="Fence"/> (q3 - q1) to it; nothing when the quartiles coincide.</summary>
    internal static void ClipUpperTail(Span<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        if (!(q3 > q1))
        {
            return;
        }

        var upper = q3 + (Fence * (q3 - q1));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Min(values[i], upper);
        }
    }

    private static void Transform(GpOutputTransform transform, Span<double> values)
    {
        switch (transform)
        {
            case GpOutputTransform.None:
                break;
            case GpOutputTransform.Log:
                ApplyLog(values);
                break;
            case GpOutputTransform.Power:
                Standardise(values);
                YeoJohnson.Apply(values, YeoJohnson.Fit(values));
                break;
            case GpOutputTransform.RankGaussian:
                ApplyRankGaussian(values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown GP output transform; use Auto, None, Log, Power or RankGaussian.");
        }
    }

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    private static void ApplyLog(Span<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var shift = min > 0 ? 0 : -min + Math.Max((max - min) * 1e-3, 1e-12);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Log(values[i] + shift);
        }
    }

    /// <summary>The normal quantile of each value's mid-rank, Phi^-1((rank + 1/2) / n); tied values share their mean rank.</summary>
    private static void ApplyRankGaussian(Span<double> values)
    {
        var n = values.Length;
        var copy = values.ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => copy[i]).ThenBy(i => i).ToArray();
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && copy[order[end + 1]] == copy[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0;
            var z = Normal.InvCDF(0, 1, (rank + 0.5) / n);
            for (var k = start; k <= end; k++)
            {
                values[order[k]] = z;
            }

            start = end + 1;
        }
    }
}
