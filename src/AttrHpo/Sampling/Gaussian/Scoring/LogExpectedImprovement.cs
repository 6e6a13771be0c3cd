namespace AttrHpo;

/// <summary>
/// The logarithm of expected improvement below the best loss, <c>log E[max(best - f, 0)]</c> for <c>f ~ N(mean, sigma^2)</c>,
/// accurate far into the tails, where expected improvement itself underflows to zero and gives an optimiser nothing to climb.
/// </summary>
/// <remarks>
/// <para>
/// With <c>z = (best - mean) / sigma</c>, <c>EI = sigma h(z)</c>, <c>h(z) = phi(z) + z Phi(z)</c>. Following Ament et al. (2023),
/// "Unexpected Improvements to Expected Improvement for Bayesian Optimization": for z &gt; -1, <c>log h(z)</c> directly; for
/// z &lt;= -1, <c>log h(z) = log phi(z) + log(1 - r)</c> with <c>r = |z| Phi(z) / phi(z) = |z| erfcx(-z / sqrt2) sqrt(pi / 2)</c>
/// (their log1mexp branch: 1 - r is exact by Sterbenz's lemma for r &gt;= 1/2); and for z &lt; -100, where 1 - r would lose
/// digits, the asymptotic expansion <c>1 - r = z^-2 (1 - 3 z^-2 + 15 z^-4 - 105 z^-6 + 945 z^-8 - ...)</c> (error below 1e-16).
/// For z &gt; 40, <c>Phi(z) = 1</c> and <c>phi(z) = 0</c> in doubles, so <c>EI = best - mean</c>.
/// </para>
/// <para>
/// The result is finite for every finite input with sigma &gt; 0; it saturates at <c>-double.MaxValue</c> only where the true
/// value lies beyond the range of doubles (|z| above about 1e154). With sigma = 0 it is <c>log(max(best - mean, 0))</c>, so
/// minus infinity at or above the best; a negative sigma gives NaN. Static, pure, doubles only and allocation-free:
/// ILGPU kernels call it as they are.
/// </para>
/// </remarks>
internal static class LogExpectedImprovement
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double LogSqrt2Pi = 0.91893853320467274178;
    private const double SqrtHalfPi = 1.25331413731550025121;
    private const double InverseSqrt2Pi = 0.39894228040143267794;
    private const double Ln2 = 0.69314718055994530942;
    private const double AsymptoticLimit = -100.0;
    private const double SaturationLimit = 40.0;

    /// <summary>log E[max(best - f, 0)] for f ~ N(mean, sigma^2).</summary>
    /// <param name="mean">The posterior mean of the loss.</param>
    /// <param name="sigma">The posterior standard deviation of the loss (0 or more).</param>
    /// <param name="best">The best (smallest) loss so far.</param>
    public static double Compute(double mean, double sigma, double best)
    {
        if (sigma == 0)
        {
            var gain = best - mean;
            return gain > 0 ? LogDifference(best, mean) : double.NegativeInfinity;
        }

        if (!(sigma > 0))
        {
            return double.NaN;
        }

        var z = (best - mean) / sigma;
        if (z > SaturationLimit)
        {
            return LogDifference(best, mean);
        }

        var result = Math.Log(sigma) + LogH(z);
        return result < -double.MaxValue ? -double.MaxValue : result;
    }

    /// <summary>E[max(best - f, 0)] in closed form, <c>sigma (phi(z) + z Phi(z))</c>; underflows to zero in the far tail.</summary>
    /// <param name="mean">The posterior mean of the loss.</param>
    /// <param name="sigma">The posterior standard deviation of the loss (0 or more).</param>
    /// <param name="best">The best (smallest) loss so far.</param>
    public static double ExpectedImprovement(double mean, double sigma, double best)
    {
        if (sigma == 0)
        {
            return Math.Max(best - mean, 0.0);
        }

        var z = (best - mean) / sigma;
        return sigma * H(z);
    }

    /// <summary>log h(z), h(z) = phi(z) + z Phi(z).</summary>
    private static double LogH(double z)
    {
        if (z > -1.0)
        {
            return Math.Log(H(z));
        }

        var logPhi = (-0.5 * z * z) - LogSqrt2Pi;
        if (z < AsymptoticLimit)
        {
            var w = 1.0 / (z * z);
            var series = 1.0 - (w * (3.0 - (w * (15.0 - (w * (105.0 - (w * 945.0)))))));
            return logPhi + Math.Log(w) + Math.Log(series);
        }

        var r = -z * ErrorFunction.Erfcx(-z * InverseSqrt2) * SqrtHalfPi;
        return logPhi + Math.Log(1.0 - r);
    }

    private static double H(double z)
    {
        var density = InverseSqrt2Pi * Math.Exp(-0.5 * z * z);
        var cumulative = 0.5 * ErrorFunction.Erfc(-z * InverseSqrt2);
        return density + (z * cumulative);
    }

    /// <summary>log(best - mean) for best &gt; mean, also where the difference overflows.</summary>
    private static double LogDifference(double best, double mean)
    {
        var gain = best - mean;
        return gain <= double.MaxValue ? Math.Log(gain) : Math.Log((0.5 * best) - (0.5 * mean)) + Ln2;
    }
}
