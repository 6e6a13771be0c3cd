using MathNet.Numerics.Distributions;

namespace AttrHpo;

/// <summary>
/// The partial derivatives of log expected improvement (minimisation) with respect to the posterior mean and standard
/// deviation: with <c>z = (best - mean) / sigma</c>, <c>dEI/dmean = -Phi(z)</c> and <c>dEI/dsigma = phi(z)</c>, divided by EI
/// in log space so that they stay finite where EI underflows.
/// </summary>
internal static class LogExpectedImprovementSlope
{
    private const double LogSqrt2Pi = 0.91893853320467274178;

    /// <summary>The slopes of <c>log EI</c> at (<paramref name="mean"/>, <paramref name="sigma"/>), given its value <paramref name="logEi"/>.</summary>
    public static (double DMean, double DSigma) Compute(double mean, double sigma, double best, double logEi)
    {
        if (!(sigma > 0) || !double.IsFinite(logEi))
        {
            return (0, 0);
        }

        var z = (best - mean) / sigma;
        var dSigma = Math.Exp((-0.5 * z * z) - LogSqrt2Pi - logEi);
        double dMean;
        if (z > -30)
        {
            dMean = -Math.Exp(Math.Log(Normal.CDF(0, 1, z)) - logEi);
        }
        else
        {
            // Far tail: Phi(z) / h(z) = -z (1 - z^-2 + ...) / (1 - 3 z^-2 + ...), and EI = sigma h(z).
            var inverse = 1 / (z * z);
            dMean = z * (1 - inverse) / (1 - (3 * inverse)) / sigma;
        }

        return (dMean, dSigma);
    }
}
