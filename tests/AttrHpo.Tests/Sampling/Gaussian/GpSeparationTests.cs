namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>
/// A converged GP keeps <see cref="GpSamplerOptions.Separation"/> from the points it just evaluated and the running ones:
/// without it, it spends trial after trial within 0.5 % of the point it has just measured.
/// </summary>
public sealed class GpSeparationTests
{
    private static readonly SearchSpace Branin = new([new RealDimension("x1", -5, 10), new RealDimension("x2", 0, 15)]);

    private static double Value(IReadOnlyList<double> u)
    {
        var (x1, x2) = (-5 + (15 * u[0]), 15 * u[1]);
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }

    /// <summary>Trials within 0.005 in every coordinate of one of the three before them.</summary>
    private static int NearDuplicates(GpSamplerOptions options)
    {
        using var gp = new GpSampler(options);
        var done = new List<Observation>();
        while (done.Count < 72)
        {
            var batch = new List<IReadOnlyList<double>>();
            for (var k = 0; k < 4; k++)
            {
                batch.Add(gp.Suggest(new SamplingContext(Branin, done.Count + batch.Count, 3, [.. done], [.. batch])));
            }

            done.AddRange(batch.Select(p => new Observation(p, Value(p))));
        }

        return Enumerable.Range(1, done.Count - 1).Count(n =>
            Enumerable.Range(Math.Max(0, n - 3), n - Math.Max(0, n - 3)).Any(k => done[n].Point.Zip(done[k].Point).All(p => Math.Abs(p.First - p.Second) < 0.005)));
    }

    [Fact]
    public void AConvergedStudyNoLongerRepeatsThePointItJustEvaluated()
    {
        Assert.Equal(0, NearDuplicates(new GpSamplerOptions()));
        Assert.True(NearDuplicates(new GpSamplerOptions { Separation = 0 }) > 0, "without the separation the converged GP should repeat itself here");
    }
}
