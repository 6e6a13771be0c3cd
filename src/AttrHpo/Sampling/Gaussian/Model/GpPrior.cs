namespace AttrHpo;

/// <summary>
/// Priors on the kernel hyperparameters for maximum a posteriori fitting, as densities of their logarithms:
/// <list type="bullet">
/// <item>each length scale: log l ~ Normal(sqrt2 + ln(d) / 2, sqrt3), the dimension-scaled log-normal of Hvarfner, Hellsten
/// and Nardi (2024, "Vanilla Bayesian optimization performs great in high dimensions"), BoTorch's default since 0.12;
/// its median grows with the number of input dimensions d, so more dimensions do not mean a rougher model;</item>
/// <item>the noise variance: log noise ~ Normal(-4, 1) (also BoTorch's), mildly favouring small noise on standardised targets;</item>
/// <item>the signal variance: flat in log (the targets are standardised, the bounds keep it sane).</item>
/// </list>
/// </summary>
internal static class GpPrior
{
    private static readonly double Sqrt2 = Math.Sqrt(2);
    private static readonly double Sqrt3 = Math.Sqrt(3);
    private const double NoiseMean = -4;
    private const double NoiseScale = 1;

    /// <summary>Adds the log prior density of <paramref name="theta"/> (up to a constant) and its gradient; returns the log density.</summary>
    public static double AddLogDensity(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var d = theta.Length - 2;
        var mean = Sqrt2 + (0.5 * Math.Log(d));
        var total = 0.0;
        for (var j = 0; j < d; j++)
        {
            total += LogNormalDensity(theta[j], mean, Sqrt3, ref gradient[j]);
        }

        total += LogNormalDensity(theta[d + 1], NoiseMean, NoiseScale, ref gradient[d + 1]);
        return total;
    }

    private static double LogNormalDensity(double x, double mean, double scale, ref double gradient)
    {
        var z = (x - mean) / scale;
        gradient += -z / scale;
        return -0.5 * z * z;
    }
}
