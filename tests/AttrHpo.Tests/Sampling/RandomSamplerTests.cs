namespace AttrHpo.Tests.Sampling;

public sealed class RandomSamplerTests
{
    private static readonly SearchSpace Space = new(
        [new RealDimension("a", 0, 1), new IntegerDimension("b", 0, 9), new CategoricalDimension("c", ["x", "y"])]);

    private static double[] Suggest(int number, ulong seed, IReadOnlyList<Observation>? completed = null) =>
        new RandomSampler().Suggest(new SamplingContext(Space, number, seed, completed ?? [], []));

    [Fact]
    public void OneCoordinateInTheUnitIntervalPerDimension()
    {
        for (var number = 0; number < 200; number++)
        {
            var point = Suggest(number, 1);
            Assert.Equal(Space.Count, point.Length);
            Assert.All(point, u => Assert.InRange(u, 0.0, Math.BitDecrement(1.0)));
        }
    }

    [Fact]
    public void ThePointDependsOnlyOnSeedAndTrialNumber()
    {
        var history = new[] { new Observation([0.1, 0.2, 0.3], 1.0) };
        Assert.Equal(Suggest(5, 42), Suggest(5, 42));
        Assert.Equal(Suggest(5, 42), Suggest(5, 42, history));
    }

    [Fact]
    public void DifferentTrialsAndSeedsGetDifferentPoints()
    {
        var points = Enumerable.Range(0, 100).Select(n => Suggest(n, 42)[0]).ToHashSet();
        Assert.Equal(100, points.Count);
        Assert.NotEqual(Suggest(0, 42), Suggest(0, 43));
        Assert.NotEqual(Suggest(0, 0), Suggest(0, ulong.MaxValue));
    }

    [Fact]
    public void TrialSeedsDifferAcrossTrialsAndStudies()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(n => SeedMixer.TrialSeed(7, n)).ToHashSet();
        Assert.True(seeds.Count > 9_990);
        Assert.NotEqual(SeedMixer.TrialSeed(7, 0), SeedMixer.TrialSeed(8, 0));
        Assert.Equal(SeedMixer.TrialSeed(7, 3), SeedMixer.TrialSeed(7, 3));
    }

    [Fact]
    public void ContextValidatesItsArguments()
    {
        Assert.Throws<ArgumentNullException>(() => new RandomSampler().Suggest(null!));
        Assert.Throws<ArgumentNullException>(() => new SamplingContext(null!, 0, 0, [], []));
    }
}
