namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>The GP's input encoding: ordered number choices, Kumaraswamy input warps, and Thompson sampling in the trust region.</summary>
public sealed class GpEncodingTests
{
    private static readonly SearchSpace Space = new(
    [
        new RealDimension("lr", 1e-4, 1, log: true),
        new IntegerDimension("units", 4, 128),
        new CategoricalDimension("activation", ["relu", "tanh", "sigmoid"]),
        new CategoricalDimension("batch", ["8", "16", "32", "64", "128"]),
    ]);

    [Fact]
    public void AChoiceOfOrderedNumbersBecomesOneFeatureAndOtherChoicesStayOneHot()
    {
        var oneHot = new FeatureEncoding(Space);
        var ordered = new FeatureEncoding(Space, orderedChoices: true);
        Assert.Equal(2 + 3 + 5, oneHot.FeatureCount);
        Assert.Equal(2 + 3 + 1, ordered.FeatureCount);
        Assert.Equal([0, 1, 5], ordered.FreeFeatures);
        Assert.Equal([0, 1, 3], ordered.FreeDimensions);
        Assert.True(ordered.IsOneHot(2));
        Assert.False(ordered.IsOneHot(3));

        var batch = (CategoricalDimension)Space.Dimensions[3];
        var features = new double[ordered.FeatureCount];
        for (var k = 0; k < batch.Labels.Count; k++)
        {
            ordered.Encode([0.3, 0.5, 0.1, batch.Encode(k)], features);
            Assert.Equal((k + 0.5) / 5, features[5], 12); // the value's position in the listed order
            Assert.Equal(batch.Encode(k), ordered.Decode(features)[3]);
        }

        features[5] = 0.33; // between the cells of 16 and 32: snapped to 32's
        Assert.Equal(batch.Encode(1), ordered.Decode(features)[3]);
    }

    [Theory]
    [InlineData(new[] { "8", "16", "32" }, true)]
    [InlineData(new[] { "0.1", "0.01", "1e-3" }, true)]
    [InlineData(new[] { "1", "3", "2" }, false)]
    [InlineData(new[] { "relu", "tanh" }, false)]
    [InlineData(new[] { "4", "four" }, false)]
    [InlineData(new[] { "5" }, false)]
    public void OnlyLabelsThatAreAllNumbersInIncreasingOrDecreasingOrderCountAsOrdered(string[] labels, bool expected) =>
        Assert.Equal(expected, FeatureEncoding.IsOrderedNumbers(new CategoricalDimension("c", labels)));

    [Fact]
    public void WarpedFeaturesDecodeToThePointTheyCameFrom()
    {
        var encoding = new FeatureEncoding(Space, orderedChoices: true).WithWarps([0.5, 2.0, 1.4], [2.0, 0.7, 1.0]);
        Assert.Equal((0.5, 2.0), encoding.Warp(0));
        var random = new Random(4);
        var features = new double[encoding.FeatureCount];
        var again = new double[encoding.FeatureCount];
        for (var t = 0; t < 200; t++)
        {
            double[] point = [random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble()];
            encoding.Encode(point, features);
            var decoded = encoding.Decode(features);
            Assert.Equal(point[0], decoded[0], 9);
            encoding.Encode(decoded, again);
            Assert.Equal(features, again, (a, b) => Math.Abs(a - b) < 1e-9);
        }

        encoding.Encode([0.25, 0.5, 0.1, 0.1], features);
        Assert.Equal(1 - Math.Pow(1 - Math.Sqrt(0.25), 2), features[0], 12); // 1 - (1 - u^a)^b
    }

    [Fact]
    public void TheWarpSearchStretchesAnInputWhoseEffectIsCrowdedNearItsLowerEnd()
    {
        // y = (u + 0.001)^0.15 changes fast near 0 and hardly at all above 0.3: a warp with a < 1 (or b > 1) spreads the low
        // end out, and the marginal likelihood prefers it to the identity.
        var space = new SearchSpace([new RealDimension("x", 0, 1)]);
        var encoding = new FeatureEncoding(space);
        var inputs = Enumerable.Range(0, 24).Select(i => Math.Pow((i + 0.5) / 24, 1.0)).ToArray();
        var raw = inputs.Select(u => Math.Pow(u + 0.001, 0.15)).ToArray();
        var mean = raw.Average();
        var sd = Math.Sqrt(raw.Sum(v => (v - mean) * (v - mean)) / raw.Length);
        var targets = raw.Select(v => (v - mean) / sd).ToArray();
        var fitted = new GpFitter(GpFitBounds.Default, false, 2, 60).Fit(inputs, 1, targets, 0, [], new Random(1)).Hyperparameters;
        var (a, b) = InputWarping.Choose(encoding, inputs, targets, 0, fitted);
        var warp = (A: a[0], B: b[0]);
        Assert.True(FeatureEncoding.Kumaraswamy(0.1, warp.A, warp.B) > 0.15, $"warp a = {warp.A}, b = {warp.B}: w(0.1) = {FeatureEncoding.Kumaraswamy(0.1, warp.A, warp.B)}");
    }

    [Fact]
    public void ASamplerWithOrderedChoicesWarpsAndThompsonSamplingIsDeterministicGivenTheSeed()
    {
        var options = new GpSamplerOptions { OrderedChoices = true, InputWarping = true, TrustRegionThompsonSampling = 256 };
        var first = Run(options, 24, 7);
        Assert.Equal(first, Run(options, 24, 7));
        Assert.All(first, p => Assert.All(p, u => Assert.InRange(u, 0, 1)));
        Assert.All(first.Skip((2 * Space.Count) + 1), p => Assert.Equal(Math.Round((p[3] * 5) - 0.5), (p[3] * 5) - 0.5, 9)); // after the Sobol design, the batch choice is a cell centre
    }

    [Fact]
    public void AThompsonSampleCountOutsideItsRangeIsRefusedWithTheSettingsName()
    {
        var error = Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { TrustRegionThompsonSampling = -1 }));
        Assert.Contains("TrustRegionThompsonSampling", error.Message, StringComparison.Ordinal);
    }

    private static List<IReadOnlyList<double>> Run(GpSamplerOptions options, int trials, ulong seed)
    {
        using var sampler = new GpSampler(options);
        var done = new List<Observation>();
        while (done.Count < trials)
        {
            var pending = new List<IReadOnlyList<double>>();
            for (var k = 0; k < 4; k++)
            {
                pending.Add(sampler.Suggest(new SamplingContext(Space, done.Count + pending.Count, seed, done.ToList(), [.. pending])));
            }

            done.AddRange(pending.Select(p => new Observation(p, Loss(p))));
        }

        return [.. done.Select(o => o.Point)];
    }

    private static double Loss(IReadOnlyList<double> u) =>
        Math.Pow(u[0] - 0.6, 2) + Math.Pow(u[1] - 0.4, 2) + (u[2] < 1.0 / 3 ? 0.1 : 0) + (0.05 * Math.Abs(u[3] - 0.5));
}
