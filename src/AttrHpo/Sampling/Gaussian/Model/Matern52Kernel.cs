namespace AttrHpo;

/// <summary>
/// The Matern 5/2 kernel with one length scale per input dimension (automatic relevance determination):
/// <c>k(a, b) = s * (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)</c>, <c>r = sqrt(sum_j ((a_j - b_j) / l_j)^2)</c>: the one place
/// the correlation is defined. Pure and allocation-free, so that ILGPU kernels can call it as well as managed code.
/// </summary>
internal static class Matern52Kernel
{
    /// <summary>sqrt(5), the same double as <c>Math.Sqrt(5.0)</c>; a constant so that kernels can read it.</summary>
    private const double Sqrt5 = 2.23606797749978969641;

    /// <summary>
    /// The correlation at scaled squared distance <paramref name="squaredDistance"/> (r^2, not r), as the candidate sweeps
    /// accumulate it; equal to <see cref="Correlation"/> of its square root to rounding.
    /// </summary>
    public static double CorrelationOfSquared(double squaredDistance)
    {
        var r = Math.Sqrt(squaredDistance);
        return (1.0 + (Sqrt5 * r) + (5.0 / 3.0 * squaredDistance)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>The kernel's value at scaled distance <paramref name="r"/>, for a signal variance of 1.</summary>
    public static double Correlation(double r)
    {
        var sr = Sqrt5 * r;
        return (1.0 + sr + (sr * sr / 3.0)) * Math.Exp(-sr);
    }

    /// <summary>
    /// The factor <c>g(r) = (5/3) (1 + sqrt5 r) exp(-sqrt5 r)</c> with <c>dk/d(r^2) = -s g(r) / 2</c>: the derivative of the
    /// kernel with respect to log l_j is <c>s g(r) (a_j - b_j)^2 / l_j^2</c>, and with respect to b_j it is <c>s g(r) (a_j - b_j) / l_j^2</c>.
    /// </summary>
    public static double SlopeFactor(double r)
    {
        var sr = Sqrt5 * r;
        return (5.0 / 3.0) * (1.0 + sr) * Math.Exp(-sr);
    }

    /// <summary>
    /// <see cref="Correlation"/> and <see cref="SlopeFactor"/> at <paramref name="r"/> with one exponential, bit for bit the
    /// values those give (the same operations in the same order).
    /// </summary>
    public static (double Correlation, double Slope) CorrelationAndSlope(double r)
    {
        var sr = Sqrt5 * r;
        var e = Math.Exp(-sr);
        return ((1.0 + sr + (sr * sr / 3.0)) * e, (5.0 / 3.0) * (1.0 + sr) * e);
    }

    /// <summary>The scaled distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double ScaledDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> lengthScales)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var t = (a[j] - b[j]) / lengthScales[j];
            sum += t * t;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>The covariance of two points: the kernel with signal variance <paramref name="signalVariance"/>.</summary>
    public static double Covariance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> lengthScales, double signalVariance) =>
        signalVariance * Correlation(ScaledDistance(a, b, lengthScales));
}
