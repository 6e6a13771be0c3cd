namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class TargetTransformTests
{
    private static readonly double[] Skewed = [0.01, 0.02, 0.05, 0.1, 0.3, 1, 3, 10, 50, 1000];

    [Theory]
    [InlineData(GpOutputTransform.None)]
    [InlineData(GpOutputTransform.Log)]
    [InlineData(GpOutputTransform.Power)]
    [InlineData(GpOutputTransform.RankGaussian)]
    public void TargetsAreStandardisedAndKeepTheLossesOrder(GpOutputTransform transform)
    {
        double[] losses = [.. Skewed.Select(v => v - 5)];
        var targets = TargetTransform.Apply(transform, losses);
        Assert.Equal(0, targets.Average(), 1e-12);
        Assert.Equal(1, Math.Sqrt(targets.Select(t => t * t).Average()), 1e-12);
        for (var i = 1; i < targets.Length; i++)
        {
            Assert.True(targets[i] > targets[i - 1], $"{transform} broke the order at {i}");
        }
    }

    [Fact]
    public void LogOfPositiveLossesIsThePlainLogarithm()
    {
        var expected = Skewed.Select(v => Math.Log(v)).ToArray();
        TargetTransform.Standardise(expected);
        var actual = TargetTransform.Apply(GpOutputTransform.Log, Skewed);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }

    [Fact]
    public void PowerTransformMakesSkewedLossesMoreSymmetric()
    {
        static double Skewness(double[] v) => v.Select(t => t * t * t).Average();
        double[] exponential = [.. Enumerable.Range(0, 12).Select(i => Math.Exp(i / 2.0))];
        var plain = TargetTransform.Apply(GpOutputTransform.None, exponential);
        var power = TargetTransform.Apply(GpOutputTransform.Power, exponential);
        Assert.True(Math.Abs(Skewness(power)) < Math.Abs(Skewness(plain)) / 3, $"skewness {Skewness(plain):F3} -> {Skewness(power):F3}");
    }

    [Fact]
    public void EqualLossesGiveZeroTargetsNotNaN()
    {
        Assert.All(TargetTransform.Apply(GpOutputTransform.Power, [2.0, 2.0, 2.0]), t => Assert.Equal(0, t));
    }
}
