namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class GpSamplerFailureTests
{
    private static readonly SearchSpace Line = new([new RealDimension("x", 0, 1)]);

    /// <summary>Finite losses that fall towards x = 0.5, then (optionally) failed trials at 0.55 .. 1 with the given loss.</summary>
    private static List<Observation> History(double failedLoss, bool withFailures)
    {
        var history = Enumerable.Range(0, 10).Select(i => 0.05 * i).Select(x => new Observation([x], 1 - x)).ToList();
        if (withFailures)
        {
            history.AddRange(Enumerable.Range(0, 10).Select(i => new Observation([0.55 + (0.05 * i)], failedLoss)));
        }

        return history;
    }

    private static double Suggest(List<Observation> history)
    {
        using var gp = new GpSampler();
        return gp.Suggest(new SamplingContext(Line, history.Count, 7, history, []))[0];
    }

    [Fact]
    public void TheModelLearnsToAvoidTheRegionWhereTrialsFail()
    {
        // Without the failures the losses fall towards the unexplored right half, so that is where the sampler goes.
        Assert.True(Suggest(History(0, withFailures: false)) > 0.5);
        var suggestion = Suggest(History(double.PositiveInfinity, withFailures: true));
        Assert.True(suggestion < 0.55, $"suggested {suggestion}, inside the failing half");
    }

    [Fact]
    public void NaNLossesAreFailuresLikeInfiniteOnes()
    {
        Assert.Equal(Suggest(History(double.PositiveInfinity, true)), Suggest(History(double.NaN, true)));
    }

    [Fact]
    public void FewerThanTwoFiniteLossesKeepTheSobolDesign()
    {
        List<Observation> history = [new([0.3], 1.0), .. Enumerable.Range(0, 6).Select(i => new Observation([0.5 + (0.05 * i)], double.PositiveInfinity))];
        var context = new SamplingContext(Line, 20, 7, history, []);
        using var gp = new GpSampler();
        Assert.Equal(new SobolSampler().Suggest(context), gp.Suggest(context));
    }

    [Fact]
    public void TheDefaultTransformIsAutoAndUndefinedOnesAreRefused()
    {
        Assert.Equal(GpOutputTransform.Auto, new GpSamplerOptions().OutputTransform);
        var error = Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { OutputTransform = (GpOutputTransform)99 }));
        Assert.Contains("OutputTransform", error.Message, StringComparison.Ordinal);
    }
}
