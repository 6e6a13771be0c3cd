namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class GpTrustRegionTests
{
    internal static readonly SearchSpace Space = new(
    [
        new RealDimension("lr", 1e-4, 1, log: true),
        new IntegerDimension("units", 4, 128),
        new RealDimension("l2", 1e-6, 0.1, log: true),
        new CategoricalDimension("activation", ["relu", "tanh", "sigmoid"]),
        new CategoricalDimension("batch", ["8", "16", "32", "64", "128"]),
    ]);

    /// <summary>
    /// Like a training run's validation loss: a smooth interior basin (optimum at lr 0.6, units 0.45, l2 0.3 of the cube,
    /// tanh, batch 32), bad everywhere near the box's edges, and capped at 6 where it "diverges" (a large learning rate
    /// with many units), as the real benchmark caps diverged runs.
    /// </summary>
    internal static double Loss(IReadOnlyList<double> u)
    {
        var activation = ((CategoricalDimension)Space.Dimensions[3]).Decode(u[3]);
        var batch = ((CategoricalDimension)Space.Dimensions[4]).Decode(u[4]);
        if (u[0] > 0.9 && u[1] > 0.6)
        {
            return 6;
        }

        var d = Math.Pow(u[0] - 0.6, 2) + Math.Pow(u[1] - 0.45, 2) + Math.Pow(u[2] - 0.3, 2);
        return 0.03 + d + (activation == 1 ? 0 : 0.05) + (0.02 * Math.Abs(batch - 2));
    }

    internal static List<Observation> Run(GpSamplerOptions options, int trials, ulong seed)
    {
        using var sampler = new GpSampler(options);
        var done = new List<Observation>();
        while (done.Count < trials)
        {
            var pending = new List<IReadOnlyList<double>>();
            var completed = done.ToList();
            for (var k = 0; k < 4 && done.Count + pending.Count < trials; k++)
            {
                pending.Add(sampler.Suggest(new SamplingContext(Space, done.Count + pending.Count, seed, completed, [.. pending])));
            }

            done.AddRange(pending.Select(p => new Observation(p, Loss(p))));
        }

        return done;
    }

    /// <summary>Points with two or more of the three continuous coordinates within 1 % of a bound.</summary>
    private static int AtCorners(IEnumerable<Observation> trials) =>
        trials.Count(t => t.Point.Take(3).Count(u => u < 0.01 || u > 0.99) >= 2);

    [Fact]
    public void AfterTheDesignTheTrustRegionsTrialsStayAwayFromTheCornersAndFindTheBasin()
    {
        // Every trial local (share 1) against the refined global search alone (share 0), same seeds: the local search keeps
        // off the corners the global one visits. (The default spends half the trials on each, and no longer refines the global
        // ones, which keeps those off the corners too: GpGlobalSearchTests.)
        var design = (2 * Space.Count) + 1;
        var local = new List<int>();
        var global = new List<int>();
        var best = new List<double>();
        for (ulong seed = 0; seed < 3; seed++)
        {
            var trials = Run(new GpSamplerOptions { TrustRegionShare = 1 }, 40, seed);
            local.Add(AtCorners(trials.Skip(design)));
            best.Add(trials.Min(t => t.Loss));
            global.Add(AtCorners(Run(new GpSamplerOptions { TrustRegionShare = 0, GlobalRefinement = true }, 40, seed).Skip(design)));
        }

        var message = $"corner points after the design (of {3 * (40 - design)}): trust region {string.Join(", ", local)}; global search {string.Join(", ", global)}";
        Assert.True(local.Sum() <= 8 && local.Sum() < global.Sum(), message); // 7 against 13 when written
        Assert.All(best, b => Assert.True(b < 0.1, $"best losses {string.Join(", ", best)}; {message}"));
    }

    [Fact]
    public void TrustRegionSuggestionsAreDeterministicGivenTheSeed()
    {
        var options = new GpSamplerOptions { TrustRegionShare = 1, TrustRegionPatience = 4 };
        var first = Run(options, 28, 5);
        var second = Run(options, 28, 5);
        Assert.Equal(first.Select(o => o.Point), second.Select(o => o.Point));
    }

    [Fact]
    public void TrustRegionCandidatesLieInTheBoxAroundTheBestPoint()
    {
        var encoding = new FeatureEncoding(Space);
        var best = new double[encoding.FeatureCount];
        encoding.Encode([0.95, 0.5, 0.2, ((CategoricalDimension)Space.Dimensions[3]).Encode(1), 0.1], best);
        var scales = Enumerable.Repeat(1.0, encoding.FeatureCount).ToArray();
        scales[0] = 4; // smoother along lr: a longer side there, shorter ones elsewhere
        var region = TrustRegion.Around(encoding, Space, best, scales, 0.4);
        Assert.Equal(1.0, region.Upper[0]); // clipped to the cube
        Assert.True(region.Upper[0] - region.Lower[0] > region.Upper[1] - region.Lower[1]);
        var candidates = region.Candidates(256, 3, new Random(1));
        var f = encoding.FeatureCount;
        var keptActivation = 0;
        for (var c = 0; c < 256; c++)
        {
            var row = candidates.AsSpan(c * f, f);
            foreach (var k in encoding.FreeFeatures)
            {
                Assert.InRange(row[k], region.Lower[k] - 0.005, region.Upper[k] + 0.005); // snapping moves an integer by half a cell at most
            }

            keptActivation += encoding.Decode(row)[3] == ((CategoricalDimension)Space.Dimensions[3]).Encode(1) ? 1 : 0;
        }

        Assert.InRange(keptActivation, 180, 256); // the best point's choice is kept with probability 0.8 (plus a third of redraws)
    }

    [Theory]
    [InlineData(0.5, 50)]
    [InlineData(0.75, 75)]
    [InlineData(1.0, 100)]
    [InlineData(0.0, 0)]
    public void TheShareOfLocalTrialsIsSpreadOverTrialNumbers(double share, int expected)
    {
        Assert.Equal(expected, Enumerable.Range(0, 100).Count(t => TrustRegion.Applies(share, t)));
        Assert.True(share is 0 or 1 || Enumerable.Range(0, 4).Any(t => !TrustRegion.Applies(share, t)));
    }

    [Fact]
    public void TheSideHalvesForEachPatienceOfObservationsWithoutImprovement()
    {
        var observations = Enumerable.Range(0, 20).Select(i => new Observation([0.5], i == 3 ? 0.0 : 1.0 + i)).ToList();
        Assert.Equal(0.4, TrustRegion.SideFor(observations, 0.4, 0));
        Assert.Equal(0.4 / 4, TrustRegion.SideFor(observations, 0.4, 8), 12); // 16 observations since the best: two halvings
        Assert.Equal(0.4 / 32, TrustRegion.SideFor(observations, 0.4, 1), 12); // at most five halvings
    }

    [Fact]
    public void WithTwoCentresEveryOtherTrustRegionTrialMovesToTheSecondBestPoint()
    {
        var history = Run(new GpSamplerOptions(), 16, 3);
        double[] SuggestAt(int centres, int trial)
        {
            using var sampler = new GpSampler(new GpSamplerOptions { TrustRegionShare = 1, TrustRegionCentres = centres });
            return sampler.Suggest(new SamplingContext(Space, trial, 3, history, []));
        }

        Assert.Equal(SuggestAt(1, 16), SuggestAt(2, 16)); // the 16th trust-region trial: the best point's region either way
        Assert.NotEqual(SuggestAt(1, 17), SuggestAt(2, 17)); // the 17th: the second best's with two centres
    }

    [Fact]
    public void BadTrustRegionOptionsAreRefusedWithTheSettingsName()
    {
        Assert.Contains("TrustRegionShare", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { TrustRegionShare = 1.5 })).Message, StringComparison.Ordinal);
        Assert.Contains("TrustRegionLength", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { TrustRegionLength = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("TrustRegionChoiceKeep", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { TrustRegionChoiceKeep = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("Separation", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { Separation = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("TrustRegionPatience", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { TrustRegionPatience = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("RefinementFaceMargin", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { RefinementFaceMargin = 0.5 })).Message, StringComparison.Ordinal);
        Assert.Contains("TrustRegionCentres", Assert.Throws<ArgumentException>(() => new GpSampler(new GpSamplerOptions { TrustRegionCentres = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustRegionRefinementStopsShortOfTheFacesByDefault() => Assert.Equal(0.02, new GpSamplerOptions().RefinementFaceMargin);
}
