namespace AttrHpo;

/// <summary>
/// The Matern 5/2 correlation, <c>(1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)</c>, of a distance already divided by the
/// length scales. Pure and allocation-free, so that ILGPU kernels can call it as well as managed code.
/// </summary>
internal static class Matern52
{
    private const double Sqrt5 = 2.23606797749978969641;

    /// <summary>The correlation at scaled squared distance <paramref name="squaredDistance"/> (r^2, not r).</summary>
    public static double Correlation(double squaredDistance)
    {
        var r = Math.Sqrt(squaredDistance);
        return (1.0 + (Sqrt5 * r) + (5.0 / 3.0 * squaredDistance)) * Math.Exp(-Sqrt5 * r);
    }
}
