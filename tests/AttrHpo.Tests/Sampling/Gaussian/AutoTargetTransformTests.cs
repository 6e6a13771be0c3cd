namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class AutoTargetTransformTests
{
    private static double[] Gaussian(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))];
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
    }

    [Fact]
    public void AutoKeepsAGaussianSampleNearlyAsItIs()
    {
        var losses = Gaussian(60, 3);
        Assert.Equal(GpOutputTransform.Power, TargetTransform.Choose(losses));
        var plain = TargetTransform.Apply(GpOutputTransform.None, losses);
        var auto = TargetTransform.Apply(GpOutputTransform.Auto, losses);
        var correlation = plain.Zip(auto, (a, b) => a * b).Average(); // both standardised
        Assert.True(correlation > 0.99, $"correlation {correlation:F4}");
    }

    [Fact]
    public void AutoSpreadsPositiveLossesSpanningSixOrdersOfMagnitude()
    {
        // Losses from 1e-3 to 1e3, log-uniform: untransformed, the best half is squashed into a sliver of the targets' range.
        double[] losses = [.. Enumerable.Range(0, 40).Select(i => Math.Pow(10, -3 + (6.0 * i / 39)))];
        Assert.Equal(GpOutputTransform.Power, TargetTransform.Choose(losses));
        var plain = TargetTransform.Apply(GpOutputTransform.None, losses);
        var auto = TargetTransform.Apply(GpOutputTransform.Auto, losses);
        Assert.True(StandardDeviation(auto.Take(20)) > 5 * StandardDeviation(plain.Take(20)), $"best half's spread {StandardDeviation(auto.Take(20)):F4}");
    }

    [Fact]
    public void ATailOfBadLossesThatNoPowerTamesFallsBackToRanks()
    {
        // Nine in ten runs between 1 and 2, one in ten diverged near 1e6: as good as a two-point sample, whose skewness no
        // increasing transform changes.
        double[] losses = [.. Enumerable.Range(0, 90).Select(i => 1 + (i / 90.0)), .. Enumerable.Range(0, 10).Select(i => 1e6 + i)];
        Assert.Equal(GpOutputTransform.RankGaussian, TargetTransform.Choose(losses));
    }

    [Fact]
    public void ADivergedRunDoesNotCollapseTheOthersSpread()
    {
        var losses = Gaussian(30, 5).Select(v => 1 + (0.1 * v)).Append(100).ToArray();
        var plain = TargetTransform.Apply(GpOutputTransform.None, losses);
        var auto = TargetTransform.Apply(GpOutputTransform.Auto, losses);
        Assert.True(StandardDeviation(plain.Take(30)) < 0.05);
        Assert.True(StandardDeviation(auto.Take(30)) > 0.5, $"the others' spread {StandardDeviation(auto.Take(30)):F3}");
        Assert.Equal(auto.Max(), auto[30]);
        Assert.Equal(losses.ToList().IndexOf(losses.Min()), auto.ToList().IndexOf(auto.Min()));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void AutoNeverReversesTheOrderAndKeepsTheGoodLossesApart(int seed)
    {
        var random = new Random(seed);
        var losses = Gaussian(50, seed).Select(v => Math.Exp(3 * v) + (random.NextDouble() < 0.1 ? 1e4 : 0)).ToArray();
        var targets = TargetTransform.Apply(GpOutputTransform.Auto, losses);
        var order = Enumerable.Range(0, losses.Length).OrderBy(i => losses[i]).ToArray();
        for (var k = 1; k < order.Length; k++)
        {
            Assert.True(targets[order[k]] >= targets[order[k - 1]], $"order broken at rank {k}");
        }

        for (var k = 1; k < order.Length / 2; k++)
        {
            Assert.True(targets[order[k]] > targets[order[k - 1]], $"good losses merged at rank {k}");
        }
    }

    [Theory]
    [InlineData(GpOutputTransform.Auto)]
    [InlineData(GpOutputTransform.None)]
    [InlineData(GpOutputTransform.Power)]
    [InlineData(GpOutputTransform.RankGaussian)]
    public void FailedTrialsAreImputedAsTheWorstTarget(GpOutputTransform transform)
    {
        double[] losses = [0.5, double.PositiveInfinity, 0.1, 2, double.NaN, 0.7, 1.1];
        var targets = TargetTransform.Apply(transform, losses);
        Assert.All(targets, t => Assert.True(double.IsFinite(t)));
        var worstFinite = new[] { targets[0], targets[2], targets[3], targets[5], targets[6] }.Max();
        Assert.Equal(worstFinite, targets[1], 12);
        Assert.Equal(worstFinite, targets[4], 12);
        Assert.Equal(targets.Min(), targets[2]);

        // The transform is fitted to the finite losses only: the failed ones change nothing but the standardisation.
        var alone = TargetTransform.Apply(transform, [0.5, 0.1, 2, 0.7, 1.1]);
        double[] finite = [targets[0], targets[2], targets[3], targets[5], targets[6]];
        TargetTransform.Standardise(finite);
        for (var i = 0; i < finite.Length; i++)
        {
            Assert.Equal(alone[i], finite[i], 9);
        }
    }

    [Fact]
    public void NoFiniteLossGivesZeroTargets()
    {
        Assert.All(TargetTransform.Apply(GpOutputTransform.Auto, [double.NaN, double.PositiveInfinity]), t => Assert.Equal(0, t));
    }
}
