namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>
/// <see cref="GpSamplerOptions.NoisyIncumbent"/>: expected improvement measured against the smallest posterior mean at the
/// observed points, and the trust region centred on its point, rather than on the smallest observed value (a lucky draw of a
/// noisy objective).
/// </summary>
public sealed class GpNoisyIncumbentTests
{
    private static readonly SearchSpace Space = new([new RealDimension("x", 0, 1), new RealDimension("y", 0, 1)]);

    /// <summary>A smooth bowl with noise, and one lucky draw far below its neighbours at (0.9, 0.9).</summary>
    private static List<Observation> History()
    {
        var random = new Random(3);
        var history = Enumerable.Range(0, 24).Select(_ =>
        {
            double[] u = [random.NextDouble(), random.NextDouble()];
            return new Observation(u, Math.Pow(u[0] - 0.3, 2) + Math.Pow(u[1] - 0.4, 2) + (0.1 * random.NextDouble()));
        }).ToList();
        // Around (0.9, 0.9) the bowl is about 0.61: three draws near it say so, and one at it came out far lower.
        history.Add(new Observation([0.87, 0.9], 0.66));
        history.Add(new Observation([0.93, 0.88], 0.63));
        history.Add(new Observation([0.9, 0.93], 0.68));
        history.Add(new Observation([0.9, 0.9], -0.1));
        return history;
    }

    private static FittedModel Model(GpSamplerOptions options) => new GpModelCache(options).Get(History(), new FeatureEncoding(Space), 5);

    [Fact]
    public void TheIncumbentIsTheSmallestPosteriorMeanAtTheObservedPoints()
    {
        var model = Model(new GpSamplerOptions { NoisyIncumbent = true });
        var process = model.Process;
        var means = Enumerable.Range(0, process.Count).Select(i => process.Predict(process.Inputs.AsSpan(i * process.Dimensions, process.Dimensions)).Mean).ToArray();
        Assert.Equal(means.Min(), model.Best, 10);
        var first = Array.IndexOf(means, means.Min());
        Assert.Equal(process.Inputs.AsSpan(first * process.Dimensions, process.Dimensions).ToArray(), model.Incumbents[..process.Dimensions]);
        // The lucky draw is smoothed: its posterior mean is above its observed value, which no longer sets the bar, and the
        // incumbent's point is elsewhere.
        Assert.True(model.Best > process.Targets.Min(), $"incumbent {model.Best}, smallest target {process.Targets.Min()}");
        Assert.NotEqual([0.9, 0.9], model.Incumbents[..2]);
    }

    [Fact]
    public void TheOptionIsOnByDefault() => Assert.True(new GpSamplerOptions().NoisyIncumbent);

    [Fact]
    public void WithoutTheOptionTheIncumbentIsTheSmallestObservedValue()
    {
        var model = Model(new GpSamplerOptions { NoisyIncumbent = false });
        Assert.Equal(model.Process.Targets.Min(), model.Best);
        Assert.Equal([0.9, 0.9], model.Incumbents[..2]);
    }

    [Fact]
    public void TheOptionChangesTheSuggestionsAndStaysDeterministic()
    {
        // Trial numbers alternate between the trust region and the global search: over eight, some suggestion differs.
        var history = History();
        using var noisy = new GpSampler(new GpSamplerOptions { NoisyIncumbent = true });
        using var again = new GpSampler(new GpSamplerOptions { NoisyIncumbent = true });
        using var plain = new GpSampler(new GpSamplerOptions { NoisyIncumbent = false });
        var differ = 0;
        for (var number = history.Count; number < history.Count + 8; number++)
        {
            var context = new SamplingContext(Space, number, 9, history, []);
            var suggestion = noisy.Suggest(context);
            Assert.Equal(suggestion, again.Suggest(context));
            differ += plain.Suggest(context).SequenceEqual(suggestion) ? 0 : 1;
        }

        Assert.True(differ > 0, "the option changed none of eight suggestions");
    }
}
