namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class AcquisitionGradientTests
{
    private static GaussianProcess Process(out SklearnCase c)
    {
        c = SklearnCase.All[3];
        return new GaussianProcess(c.Inputs, c.Dimensions, c.Targets, new GpHyperparameters(c.LengthScales, c.SignalVariance, 1e-3));
    }

    public static TheoryData<double> Offsets => [0.0, 1.0, -3.0, -20.0];

    [Theory]
    [MemberData(nameof(Offsets))]
    public void LogExpectedImprovementGradientMatchesCentralDifferences(double offset)
    {
        var gp = Process(out var c);
        var best = c.BestObserved + offset;
        AssertGradient((x, g) => AcquisitionMaximizer.LogExpectedImprovementWithGradient(gp, x, best, g), c, 1e-4);
    }

    [Fact]
    public void LowerConfidenceBoundGradientMatchesCentralDifferences()
    {
        var gp = Process(out var c);
        AssertGradient((x, g) => AcquisitionMaximizer.NegativeLowerBoundWithGradient(gp, x, 1.7, g), c, 1e-5);
    }

    private static void AssertGradient(BoundedRefinement.Acquisition acquisition, SklearnCase c, double tolerance)
    {
        var d = c.Dimensions;
        for (var t = 0; t < 4; t++)
        {
            var x = c.TestInputs.AsSpan(t * d, d).ToArray();
            var gradient = new double[d];
            acquisition(x, gradient);
            const double h = 1e-6;
            for (var j = 0; j < d; j++)
            {
                var plus = (double[])x.Clone();
                var minus = (double[])x.Clone();
                plus[j] += h;
                minus[j] -= h;
                var numeric = (acquisition(plus, Span<double>.Empty) - acquisition(minus, Span<double>.Empty)) / (2 * h);
                Assert.True(
                    Math.Abs(numeric - gradient[j]) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                    $"point {t}, feature {j}: analytic {gradient[j]:R}, numeric {numeric:R}");
            }
        }
    }
}
