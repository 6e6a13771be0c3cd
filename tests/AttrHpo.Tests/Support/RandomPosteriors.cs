namespace AttrHpo.Tests.Support;

/// <summary>Seeded random GP posteriors and candidate sweeps, for comparing scorers with each other.</summary>
public static class RandomPosteriors
{
    /// <summary>n observations of a smooth function in d dimensions, a kernel with random length scales, and m candidates.</summary>
    internal static (GpPosterior Posterior, double[] Candidates, double Best) Create(int n, int d, int m, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var y = x.Select(p => Math.Sin(7 * p[0]) + p.Sum() + (0.01 * random.NextDouble())).ToArray();
        var scales = Enumerable.Range(0, d).Select(_ => 0.1 + random.NextDouble()).ToArray();
        var posterior = FixedKernelPosterior.Create(x, y, 0.5 + random.NextDouble(), scales, 1e-4, priorMean: y.Average());

        // Candidates: mostly uniform, some exactly on observations (variance near 0), some far outside (prior variance).
        var candidates = new double[m * d];
        for (var c = 0; c < m; c++)
        {
            for (var t = 0; t < d; t++)
            {
                candidates[(c * d) + t] = c % 10 == 0 ? x[c % n][t] : c % 10 == 1 ? 5 + random.NextDouble() : random.NextDouble();
            }
        }

        return (posterior, candidates, y.Min());
    }
}
