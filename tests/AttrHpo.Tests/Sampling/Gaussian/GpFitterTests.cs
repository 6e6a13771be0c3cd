namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class GpFitterTests
{
    public static TheoryData<int> Cases => SklearnCase.Indices();

    [Theory]
    [MemberData(nameof(Cases))]
    public void MaximumLikelihoodReachesScikitLearnsFittedValueUnderTheSameBounds(int index)
    {
        var c = SklearnCase.All[index];
        var fitter = new GpFitter(new GpFitBounds(c.LengthScaleBounds, c.SignalBounds, c.NoiseBounds), maximumAPosteriori: false, randomStarts: 2, maxIterations: 100);
        var gp = fitter.Fit(c.Inputs, c.Dimensions, c.Targets, 0, [], new Random(index));
        Assert.True(
            gp.LogMarginalLikelihood >= c.FittedLogMarginalLikelihood - 1e-3,
            $"fitted LML {gp.LogMarginalLikelihood:R} is below scikit-learn's {c.FittedLogMarginalLikelihood:R}");
        foreach (var scale in gp.Hyperparameters.LengthScales)
        {
            Assert.InRange(scale, c.LengthScaleBounds.Low * (1 - 1e-12), c.LengthScaleBounds.High * (1 + 1e-12));
        }

        Assert.InRange(gp.Hyperparameters.NoiseVariance, c.NoiseBounds.Low * (1 - 1e-12), c.NoiseBounds.High * (1 + 1e-12));
    }

    [Fact]
    public void AWarmStartAtTheOptimumNeedsNoRandomStartsToKeepIt()
    {
        var c = SklearnCase.All[2];
        var bounds = new GpFitBounds(c.LengthScaleBounds, c.SignalBounds, c.NoiseBounds);
        var cold = new GpFitter(bounds, false, 4, 200).Fit(c.Inputs, c.Dimensions, c.Targets, 0, [], new Random(1));
        var warm = new GpFitter(bounds, false, 0, 5).Fit(c.Inputs, c.Dimensions, c.Targets, 0, [cold.Hyperparameters], new Random(2));
        Assert.True(warm.LogMarginalLikelihood >= cold.LogMarginalLikelihood - 1e-9);
    }

    [Fact]
    public void MapFitIsDeterministicForTheSameSeedAndFinite()
    {
        var c = SklearnCase.All[3];
        var fitter = new GpFitter(GpFitBounds.Default, true, 2, 50);
        var first = fitter.Fit(c.Inputs, c.Dimensions, c.Targets, 0, [], new Random(7));
        var second = fitter.Fit(c.Inputs, c.Dimensions, c.Targets, 0, [], new Random(7));
        Assert.Equal(first.Hyperparameters.ToLog(), second.Hyperparameters.ToLog());
        Assert.True(double.IsFinite(first.LogMarginalLikelihood));
    }
}
