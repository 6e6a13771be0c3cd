namespace AttrHpo.Benchmarks;

/// <summary>
/// Held-out objectives: written to check <see cref="GpSampler"/>'s defaults after they were tuned on the six public
/// functions of <see cref="BenchmarkFunctions"/>, and never tuned on. Each stresses one thing real objectives do: losses
/// spanning many orders of magnitude, a diverging region, a failing region, noise. All minimised.
/// </summary>
internal static class HeldOutFunctions
{
    private static readonly double[] SphereCentre = [1.3, -0.7, 2.1, -2.9, 0.4];
    private static readonly double[] DivergingCentre = [0.55, 0.3, 0.7, 0.2];
    private static readonly double[] DivergingWeights = [4, 1, 2, 0.5];
    private static readonly double[] FailingCentre = [0.45, 0.5, 0.3, 0.8, 0.6];

    public static IReadOnlyList<BenchmarkFunction> All { get; } =
    [
        new("expsphere5", Cube(5, -5, 5), ExpSphere, 0),
        new("diverging4", Cube(4, 0, 1), Diverging, 0),
        new("failing5", Cube(5, 0, 1), Failing, 0),
        new("noisystyblinski4", Cube(4, -5, 5), NoisyStyblinskiTang, StyblinskiTangMinimum) { Noiseless = StyblinskiTang },
    ];

    /// <summary>The minimum of the 4-d Styblinski-Tang function, at x_i = -2.903534 (4 x -39.16617).</summary>
    public const double StyblinskiTangMinimum = -156.664663;

    /// <summary>exp(|x - c|) - 1 on [-5, 5]^5: from 0 at c to about 1e7 in the far corner, so the losses span seven orders of
    /// magnitude and the basin must be refined under them.</summary>
    public static double ExpSphere(double[] x)
    {
        var squares = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            squares += (x[i] - SphereCentre[i]) * (x[i] - SphereCentre[i]);
        }

        return Math.Exp(Math.Sqrt(squares)) - 1;
    }

    /// <summary>
    /// A weighted quadratic with a ripple on [0, 1]^4 (losses 0 to about 2), except where x1 + x2 / 2 > 0.8, where the run
    /// "diverges" and returns 500 (1 + x3), a few hundred to a thousand times the good losses. The minimum (x1 + x2 / 2 = 0.7)
    /// lies close to the diverging region, like a learning rate just below the one that diverges.
    /// </summary>
    public static double Diverging(double[] x)
    {
        if (x[0] + (0.5 * x[1]) > 0.8)
        {
            return 500 * (1 + x[2]);
        }

        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - DivergingCentre[i];
            sum += DivergingWeights[i] * d * d;
        }

        return sum + (0.1 * Math.Pow(Math.Sin(3 * Math.PI * (x[3] - DivergingCentre[3])), 2));
    }

    /// <summary>
    /// A quadratic with a ripple on [0, 1]^5, NaN (a failed trial) where x1 + x2 > 1: half the space fails, and the minimum
    /// (x1 + x2 = 0.95) lies close to the failing region.
    /// </summary>
    public static double Failing(double[] x)
    {
        if (x[0] + x[1] > 1)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - FailingCentre[i];
            sum += (d * d) + (0.05 * Math.Pow(Math.Sin(4 * Math.PI * d), 2));
        }

        return sum;
    }

    /// <summary>Styblinski-Tang, sum(x^4 - 16 x^2 + 5 x) / 2 on [-5, 5]^4: values from about -157 to 250, several local minima.</summary>
    public static double StyblinskiTang(double[] x) => x.Sum(v => (Math.Pow(v, 4) - (16 * v * v) + (5 * v)) / 2);

    /// <summary>
    /// <see cref="StyblinskiTang"/> plus Gaussian noise of standard deviation 5 (about 1% of its range, a quarter of the gap
    /// between the global and the next local minimum), drawn from a hash of the point so that a point always gets the same
    /// value. Regret is measured on the noiseless value.
    /// </summary>
    public static double NoisyStyblinskiTang(double[] x)
    {
        var hash = 0x9E3779B97F4A7C15UL;
        foreach (var v in x)
        {
            hash = Mix(hash ^ (ulong)BitConverter.DoubleToInt64Bits(v));
        }

        var u1 = ((Mix(hash) >> 11) + 0.5) / (1UL << 53);
        var u2 = ((Mix(hash + 1) >> 11) + 0.5) / (1UL << 53);
        return StyblinskiTang(x) + (5 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static SearchSpace Cube(int d, double low, double high) =>
        new([.. Enumerable.Range(1, d).Select(i => new RealDimension($"x{i}", low, high))]);
}
