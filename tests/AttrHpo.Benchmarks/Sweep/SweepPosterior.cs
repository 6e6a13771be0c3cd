using MathNet.Numerics.LinearAlgebra;

namespace AttrHpo.Benchmarks;

/// <summary>A seeded posterior of n observations in d dimensions (Matern 5/2, Cholesky by MathNet) and a candidate sweep for it.</summary>
internal static class SweepPosterior
{
    public static (GpPosterior Posterior, double[] Candidates, double Best) Create(int n, int d, int m, int seed)
    {
        var random = new Random(seed);
        var inputs = new double[n * d];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextDouble();
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = Math.Sin(7 * inputs[i * d]) + inputs.AsSpan(i * d, d).ToArray().Sum();
        }

        var scales = Enumerable.Range(0, d).Select(_ => 0.2 + random.NextDouble()).ToArray();
        const double signal = 1.3;
        const double noise = 1e-3;
        var k = Matrix<double>.Build.Dense(n, n, (i, j) =>
        {
            var squared = 0.0;
            for (var t = 0; t < d; t++)
            {
                var scaled = (inputs[(i * d) + t] - inputs[(j * d) + t]) / scales[t];
                squared += scaled * scaled;
            }

            return (signal * Matern52Kernel.CorrelationOfSquared(squared)) + (i == j ? noise : 0);
        });
        var cholesky = k.Cholesky();
        var priorMean = y.Average();
        var alpha = cholesky.Solve(Vector<double>.Build.Dense([.. y.Select(v => v - priorMean)])).ToArray();
        var factor = cholesky.Factor;
        var lower = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                lower[(i * n) + j] = factor[i, j];
            }
        }

        var candidates = new double[m * d];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = random.NextDouble();
        }

        return (new GpPosterior(n, d, inputs, scales, signal, alpha, lower, priorMean), candidates, y.Min());
    }
}
