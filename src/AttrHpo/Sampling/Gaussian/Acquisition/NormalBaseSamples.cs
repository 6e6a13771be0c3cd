using MathNet.Numerics.Distributions;

namespace AttrHpo;

/// <summary>Quasi-random standard normal samples: scrambled Sobol points through the inverse normal CDF (fixed for a seed).</summary>
internal static class NormalBaseSamples
{
    /// <summary><paramref name="count"/> samples of <paramref name="dimensions"/> independent standard normals, row-major.</summary>
    public static double[] Create(int count, int dimensions, ulong seed)
    {
        var samples = new double[count * dimensions];
        var point = new double[dimensions];
        for (var s = 0; s < count; s++)
        {
            SobolSampler.Fill((uint)s, seed, scramble: true, point);
            for (var j = 0; j < dimensions; j++)
            {
                // Scrambled points are never exactly 0 or 1 in practice; the clamp keeps the quantile finite regardless.
                samples[(s * dimensions) + j] = Normal.InvCDF(0, 1, Math.Clamp(point[j], 1e-16, 1 - 1e-16));
            }
        }

        return samples;
    }
}
