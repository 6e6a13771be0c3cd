namespace AttrHpo.Tests.Support;

/// <summary>Goodness-of-fit statistics for uniformity, with critical values at a 0.1 % false-alarm rate.</summary>
public static class Uniformity
{
    /// <summary>The Kolmogorov–Smirnov distance between the empirical distribution of <paramref name="samples"/> (in [0, 1]) and U(0, 1).</summary>
    public static double KolmogorovSmirnov(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var n = sorted.Length;
        var distance = 0.0;
        for (var i = 0; i < n; i++)
        {
            distance = Math.Max(distance, Math.Max(((i + 1.0) / n) - sorted[i], sorted[i] - ((double)i / n)));
        }

        return distance;
    }

    /// <summary>The KS distance above which uniformity is rejected at the 0.1 % level (asymptotic, n large).</summary>
    public static double KolmogorovSmirnovCritical(int n) => 1.949 / Math.Sqrt(n);

    /// <summary>Pearson's chi-square statistic of <paramref name="counts"/> against equal expected counts.</summary>
    public static double ChiSquare(IReadOnlyCollection<long> counts)
    {
        var total = counts.Sum();
        var expected = (double)total / counts.Count;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }

    /// <summary>The chi-square value exceeded with probability 0.1 % (Wilson–Hilferty approximation).</summary>
    public static double ChiSquareCritical(int degreesOfFreedom)
    {
        const double z = 3.0902; // standard normal quantile at 0.999
        double k = degreesOfFreedom;
        var a = 2.0 / (9.0 * k);
        return k * Math.Pow(1 - a + (z * Math.Sqrt(a)), 3);
    }

    /// <summary>Counts of <paramref name="samples"/> (in [0, 1]) in <paramref name="bins"/> equal bins.</summary>
    public static long[] Histogram(IEnumerable<double> samples, int bins)
    {
        var counts = new long[bins];
        foreach (var sample in samples)
        {
            counts[Math.Clamp((int)(sample * bins), 0, bins - 1)]++;
        }

        return counts;
    }

    /// <summary>Whether the chi-square test accepts equal counts.</summary>
    public static bool LooksUniform(IReadOnlyCollection<long> counts) => ChiSquare(counts) < ChiSquareCritical(counts.Count - 1);
}
