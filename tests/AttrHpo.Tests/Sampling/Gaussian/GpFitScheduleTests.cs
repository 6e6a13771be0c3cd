namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>
/// <see cref="GpSamplerOptions.ColdFitObservations"/> (every small history fitted cold, as batches of four always are) and
/// <see cref="GpSamplerOptions.FittedPriorMean"/> (the constant mean at its maximum-likelihood value).
/// </summary>
public sealed class GpFitScheduleTests
{
    private static readonly SearchSpace Space = new(
    [
        new RealDimension("lr", 1e-4, 1, log: true),
        new IntegerDimension("units", 4, 128),
        new RealDimension("l2", 1e-6, 0.1, log: true),
    ]);

    private static List<Observation> History(int count)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            double[] u = [random.NextDouble(), random.NextDouble(), random.NextDouble()];
            return new Observation(u, Math.Pow(u[0] - 0.6, 2) + Math.Pow(u[1] - 0.3, 2) + (0.1 * u[2]) + (0.01 * random.NextDouble()));
        })];
    }

    private static FittedModel Model(GpSamplerOptions options, IReadOnlyList<Observation> history) =>
        new GpModelCache(options).Get(history, new FeatureEncoding(Space), 11);

    [Fact]
    public void AtACheckpointTheColdScheduleGivesTheSameFitAsTheDefault()
    {
        // 16 observations is a checkpoint: the default fits it cold already, so a batch of four (whose history always has a
        // multiple of four observations, all checkpoints below 64) is unchanged by the option.
        var history = History(16);
        var cold = Model(new GpSamplerOptions { ColdFitObservations = 64 }, history).Process.Hyperparameters;
        var checkpointed = Model(new GpSamplerOptions(), history).Process.Hyperparameters;
        Assert.Equal(checkpointed.LengthScales, cold.LengthScales);
        Assert.Equal(checkpointed.NoiseVariance, cold.NoiseVariance);
    }

    [Fact]
    public void BetweenCheckpointsTheColdScheduleFitsAfreshAndStaysDeterministic()
    {
        // 14 observations: the default warm-starts from the fit of the first 12, the cold schedule fits the 14 from its own
        // random starts, so the two differ; and the cold fit, too, depends only on the history: a sampler asked before gives
        // what a fresh one gives.
        var history = History(14);
        var options = new GpSamplerOptions { ColdFitObservations = 64 };
        using var used = new GpSampler(options);
        used.Suggest(new SamplingContext(Space, 12, 3, history[..12], []));
        using var fresh = new GpSampler(options);
        var context = new SamplingContext(Space, 14, 3, history, [history[0].Point]);
        Assert.Equal(fresh.Suggest(context), used.Suggest(context));
        Assert.NotEqual(
            Model(new GpSamplerOptions(), history).Process.Hyperparameters.LengthScales,
            Model(options, history).Process.Hyperparameters.LengthScales);
    }

    [Fact]
    public void TheFittedPriorMeanMakesTheResidualWeightsSumToZero()
    {
        // The GLS mean m solves 1^T K^-1 (y - m 1) = 0, and alpha = K^-1 (y - m 1).
        var history = History(20);
        var fitted = Model(new GpSamplerOptions { FittedPriorMean = true }, history).Process;
        var average = Model(new GpSamplerOptions(), history).Process;
        Assert.Equal(0, fitted.Alpha.Sum(), 8);
        Assert.NotEqual(average.PriorMean, fitted.PriorMean);
        Assert.True(Math.Abs(average.Alpha.Sum()) > 1e-6, $"the average's weights sum to {average.Alpha.Sum()}: the test needs a history where the means differ");
    }

    [Fact]
    public void ANegativeColdFitSizeIsRejectedByName()
    {
        var exception = Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { ColdFitObservations = -1 }));
        Assert.Contains("ColdFitObservations", exception.Message, StringComparison.Ordinal);
    }
}
