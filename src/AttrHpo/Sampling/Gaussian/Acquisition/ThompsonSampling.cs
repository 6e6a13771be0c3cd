namespace AttrHpo;

/// <summary>
/// One joint draw of the GP's latent function at a set of candidates (TuRBO's Thompson sampling,
/// <see cref="GpSamplerOptions.TrustRegionThompsonSampling"/>): the posterior mean plus the Cholesky factor of the posterior
/// covariance times standard normals. O(m^2 n + m^3 / 3) for m candidates and n observations.
/// </summary>
internal static class ThompsonSampling
{
    /// <summary>A little diagonal on the posterior covariance, relative to the signal variance, so duplicate candidates factor.</summary>
    private const double RelativeNugget = 1e-8;

    /// <summary>One joint sample of the latent function at <paramref name="candidates"/> (row-major), drawn with <paramref name="random"/>.</summary>
    public static double[] Draw(GaussianProcess process, double[] candidates, Random random)
    {
        var d = process.Dimensions;
        var n = process.Count;
        var m = candidates.Length / d;
        var signal = process.Hyperparameters.SignalVariance;
        var scales = process.Hyperparameters.LengthScales;
        var solved = new double[m * n];
        var mean = new double[m];
        for (var a = 0; a < m; a++)
        {
            var row = solved.AsSpan(a * n, n);
            process.KernelRow(candidates.AsSpan(a * d, d), row);
            var mu = process.PriorMean;
            for (var i = 0; i < n; i++)
            {
                mu += row[i] * process.Alpha[i];
            }

            mean[a] = mu;
            TriangularSolve.Lower(process.Lower, n, row);
        }

        var covariance = new double[m * m];
        for (var a = 0; a < m; a++)
        {
            var rowA = solved.AsSpan(a * n, n);
            for (var b = 0; b <= a; b++)
            {
                var value = Matern52Kernel.Covariance(candidates.AsSpan(a * d, d), candidates.AsSpan(b * d, d), scales, signal);
                var rowB = solved.AsSpan(b * n, n);
                for (var i = 0; i < n; i++)
                {
                    value -= rowA[i] * rowB[i];
                }

                if (a == b)
                {
                    value = Math.Max(value, 0) + (RelativeNugget * signal);
                }

                covariance[(a * m) + b] = value;
                covariance[(b * m) + a] = value;
            }
        }

        var lower = JitteredCholesky.Factor(covariance, m, out _);
        var normals = new double[m];
        for (var a = 0; a < m; a++)
        {
            normals[a] = Gaussian(random);
        }

        var sample = new double[m];
        for (var a = 0; a < m; a++)
        {
            var value = mean[a];
            var row = lower.AsSpan(a * m, a + 1);
            for (var b = 0; b <= a; b++)
            {
                value += row[b] * normals[b];
            }

            sample[a] = value;
        }

        return sample;
    }

    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
