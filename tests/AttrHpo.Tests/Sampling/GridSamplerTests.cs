using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Sampling;

public sealed class GridSamplerTests
{
    /// <summary>Every kind of dimension: 3 x 5 x 3 x 20 x 10 x 4 = 36,000 points with resolution 4.</summary>
    private static readonly SearchSpace Mixed = new(
    [
        new IntegerDimension("layers", 1, 3),
        new RealDimension("dropout", 0, 1, step: 0.25),
        new CategoricalDimension("optimizer", ["sgd", "adam", "rmsprop"]),
        new IntegerDimension("batch", 1, 20, log: true),
        new RealDimension("decay", 0.1, 1.0, log: true, step: 0.1),
        new RealDimension("learningRate", 1e-4, 1e-1, log: true),
    ]);

    private static double[] Suggest(GridSampler sampler, SearchSpace space, int number, ulong seed = 0) =>
        sampler.Suggest(new SamplingContext(space, number, seed, [], []));

    /// <summary>The point decoded through the dimensions, as a string: "2|0.5|adam|..." .</summary>
    private static string Decode(SearchSpace space, IReadOnlyList<double> point)
    {
        var values = new string[space.Count];
        for (var i = 0; i < space.Count; i++)
        {
            values[i] = space.Dimensions[i] switch
            {
                IntegerDimension integer => integer.Decode(point[i]).ToString(CultureInfo.InvariantCulture),
                RealDimension real => real.Decode(point[i]).ToString("R", CultureInfo.InvariantCulture),
                CategoricalDimension choice => choice.Labels[choice.Decode(point[i])],
                _ => throw new InvalidOperationException(),
            };
        }

        return string.Join('|', values);
    }

    private static bool IsAllowed(SearchSpace space, IReadOnlyList<double> point) =>
        space.Dimensions.Select((dimension, i) => dimension switch
        {
            IntegerDimension integer => integer.Contains(integer.Decode(point[i])),
            RealDimension real => real.Contains(real.Decode(point[i])),
            _ => true,
        }).All(ok => ok);

    [Fact]
    public void GridSizeIsTheProductOfTheDimensionsValueCounts()
    {
        Assert.Equal(3L * 5 * 3 * 20 * 10 * 4, new GridSampler(4).GridSize(Mixed));
        Assert.Equal(3L * 5 * 3 * 20 * 10 * 2, new GridSampler(2).GridSize(Mixed));
        Assert.Equal(1L, new GridSampler().GridSize(new SearchSpace([])));
        Assert.Equal(2L * 3, new GridSampler().GridSize(new SearchSpace([new IntegerDimension("a", 0, 1), new CategoricalDimension("b", ["x", "y", "z"])])));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GridSizeTrialsCoverEveryCombinationExactlyOnce(bool shuffle)
    {
        var sampler = new GridSampler(resolution: 4) { Shuffle = shuffle };
        var size = (int)sampler.GridSize(Mixed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < size; n++)
        {
            var point = Suggest(sampler, Mixed, n, seed: 3);
            Assert.True(IsAllowed(Mixed, point), $"trial {n}: {Decode(Mixed, point)} is not on the grid");
            Assert.True(seen.Add(Decode(Mixed, point)), $"trial {n}: {Decode(Mixed, point)} was already tried");
        }

        // Every value of every dimension was tried: the integers and steps all of theirs, the continuous range its 4.
        Assert.Equal(size, seen.Count);
        var columns = Enumerable.Range(0, Mixed.Count).Select(i => seen.Select(s => s.Split('|')[i]).Distinct().Count());
        Assert.Equal([3, 5, 3, 20, 10, 4], columns);
    }

    [Fact]
    public void UnshuffledOrderIsLexicographicFirstDimensionSlowest()
    {
        var space = new SearchSpace([new IntegerDimension("a", 0, 1), new CategoricalDimension("b", ["x", "y", "z"]), new RealDimension("c", 0, 1, step: 0.5)]);
        var sampler = new GridSampler();
        var order = Enumerable.Range(0, 18).Select(n => Decode(space, Suggest(sampler, space, n)));
        string[] expected =
        [
            "0|x|0", "0|x|0.5", "0|x|1", "0|y|0", "0|y|0.5", "0|y|1", "0|z|0", "0|z|0.5", "0|z|1",
            "1|x|0", "1|x|0.5", "1|x|1", "1|y|0", "1|y|0.5", "1|y|1", "1|z|0", "1|z|0.5", "1|z|1",
        ];
        Assert.Equal(expected, order);
    }

    [Fact]
    public void DiscreteValuesAreEncodedAtTheirCellCentres()
    {
        var space = new SearchSpace([new IntegerDimension("a", 0, 3), new CategoricalDimension("b", ["x", "y"])]);
        var sampler = new GridSampler();
        Assert.Equal([0.125, 0.25], Suggest(sampler, space, 0));
        Assert.Equal([0.125, 0.75], Suggest(sampler, space, 1));
        Assert.Equal([0.875, 0.75], Suggest(sampler, space, 7));
    }

    [Fact]
    public void AResolutionIncludesBothBounds()
    {
        var space = new SearchSpace([new RealDimension("x", 0.5, 2.0)]);
        var sampler = new GridSampler(resolution: 4);
        Assert.Equal(4L, sampler.GridSize(space));
        Assert.Equal([0.0, 1.0 / 3, 2.0 / 3, 1.0], Enumerable.Range(0, 4).Select(n => Suggest(sampler, space, n)[0]));
        Assert.Equal([0.5, 1.0, 1.5, 2.0], Enumerable.Range(0, 4).Select(n => ((RealDimension)space.Dimensions[0]).Decode(Suggest(sampler, space, n)[0])));

        // A log-scaled range: evenly spaced in log space, from low to high.
        var log = new RealDimension("lr", 1e-4, 1, log: true);
        var logSpace = new SearchSpace([log]);
        var values = Enumerable.Range(0, 5).Select(n => log.Decode(Suggest(new GridSampler(5), logSpace, n)[0])).ToArray();
        Assert.Equal(1e-4, values[0]);
        Assert.Equal(1.0, values[4]);
        Assert.Equal([1e-3, 1e-2, 1e-1], values[1..4].Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void ShuffleIsAPermutationThatDiffersFromLexicographicAndDependsOnTheSeed()
    {
        var space = new SearchSpace([new IntegerDimension("a", 0, 9), new IntegerDimension("b", 0, 9), new CategoricalDimension("c", ["x", "y", "z"])]);
        var lexicographic = Enumerable.Range(0, 300).Select(n => Decode(space, Suggest(new GridSampler(), space, n))).ToArray();
        var shuffled = Enumerable.Range(0, 300).Select(n => Decode(space, Suggest(new GridSampler { Shuffle = true }, space, n, 1))).ToArray();
        var again = Enumerable.Range(0, 300).Select(n => Decode(space, Suggest(new GridSampler { Shuffle = true }, space, n, 1))).ToArray();
        var otherSeed = Enumerable.Range(0, 300).Select(n => Decode(space, Suggest(new GridSampler { Shuffle = true }, space, n, 2))).ToArray();

        Assert.Equal(lexicographic.Order(StringComparer.Ordinal), shuffled.Order(StringComparer.Ordinal));
        Assert.Equal(shuffled, again);
        Assert.True(lexicographic.Zip(shuffled).Count(x => x.First == x.Second) < 10);
        Assert.True(shuffled.Zip(otherSeed).Count(x => x.First == x.Second) < 10);

        // Shuffled, the first trials already spread over the first dimension, which lexicographic order holds at 0 for 30 trials.
        Assert.True(shuffled.Take(30).Select(s => s.Split('|')[0]).Distinct().Count() >= 6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrialsPastTheGridWrapAround(bool shuffle)
    {
        var space = new SearchSpace([new IntegerDimension("a", 0, 4), new CategoricalDimension("b", ["x", "y", "z"])]);
        var sampler = new GridSampler { Shuffle = shuffle };
        var size = (int)sampler.GridSize(space);
        for (var n = 0; n < size; n++)
        {
            Assert.Equal(Suggest(sampler, space, n, 8), Suggest(sampler, space, n + size, 8));
            Assert.Equal(Suggest(sampler, space, n, 8), Suggest(sampler, space, n + (7 * size), 8));
        }
    }

    [Fact]
    public void AContinuousRangeWithoutResolutionIsAClearError()
    {
        var sampler = new GridSampler();
        var suggest = Assert.Throws<ArgumentException>(() => Suggest(sampler, Mixed, 0));
        Assert.Contains("'learningRate'", suggest.Message, StringComparison.Ordinal);
        Assert.Contains("give GridSampler a resolution", suggest.Message, StringComparison.Ordinal);
        var size = Assert.Throws<ArgumentException>(() => sampler.GridSize(Mixed));
        Assert.Equal(suggest.Message, size.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AResolutionBelowTwoIsRejected(int resolution)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GridSampler(resolution));
        Assert.Equal("resolution", error.ParamName);
        Assert.Contains("2 or more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => new GridSampler().Suggest(null!));
        Assert.Throws<ArgumentNullException>(() => new GridSampler().GridSize(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suggest(new GridSampler(), Mixed, -1));
        Assert.Empty(Suggest(new GridSampler(), new SearchSpace([]), 5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HugeGridsAreNeverListed(bool shuffle)
    {
        // 1000^10 = 10^30 points: far more than a long holds, let alone memory.
        var space = new SearchSpace([.. Enumerable.Range(0, 10).Select(i => new IntegerDimension($"x{i}", 0, 999))]);
        var sampler = new GridSampler { Shuffle = shuffle };
        Assert.Equal(long.MaxValue, sampler.GridSize(space));

        var index = UInt128.Parse("100000000000000000000", CultureInfo.InvariantCulture); // 10^20
        sampler.PointAt(space, index, 5);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var point = sampler.PointAt(space, index, 5);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(allocated < 4096, $"{allocated} bytes allocated for one point"); // no list of points, not even a partial one

        var values = space.Dimensions.Select((d, i) => ((IntegerDimension)d).Decode(point[i])).ToArray();
        if (!shuffle)
        {
            // 10^20 = 100 x 1000^6: digit 100 in the fourth dimension, 0 everywhere else.
            Assert.Equal([0L, 0, 0, 100, 0, 0, 0, 0, 0, 0], values);
        }

        // The index wraps around modulo 10^30; far indices and the last trial number are points too.
        var size = UInt128.Parse("1000000000000000000000000000000", CultureInfo.InvariantCulture);
        Assert.Equal(point, sampler.PointAt(space, index + size, 5));
        Assert.Equal(point, sampler.PointAt(space, index + (size * 300_000_000), 5));
        Assert.Equal(Suggest(sampler, space, int.MaxValue, 5), sampler.PointAt(space, int.MaxValue, 5));
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0, 0, 0, 999], space.Dimensions.Select((d, i) => ((IntegerDimension)d).Decode(new GridSampler().PointAt(space, 999, 0)[i])));
    }

    [Fact]
    public void GridsBeyond128BitsWorkShuffledOrNot()
    {
        // 10^100 points.
        var space = new SearchSpace([.. Enumerable.Range(0, 100).Select(i => new IntegerDimension($"x{i}", 0, 9))]);
        var plain = new GridSampler();
        var shuffled = new GridSampler { Shuffle = true };
        Assert.Equal(long.MaxValue, plain.GridSize(space));
        Assert.Equal(Enumerable.Repeat(0.05, 99).Append(0.95), Suggest(plain, space, 9));
        Assert.Equal(Enumerable.Repeat(0.05, 98).Append(0.15).Append(0.05), Suggest(plain, space, 10));

        var points = Enumerable.Range(0, 1000).Select(n => Decode(space, Suggest(shuffled, space, n, 4))).ToArray();
        Assert.Equal(1000, points.Distinct().Count());
        Assert.True(points.Select(p => p.Split('|')[0]).Distinct().Count() == 10, "the shuffled trials do not spread over the first dimension");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void IndexPermutationIsABijection(int size)
    {
        var permutation = new IndexPermutation((ulong)size, 99);
        var images = Enumerable.Range(0, size).Select(i => permutation[(ulong)i]).ToArray();
        Assert.Equal(Enumerable.Range(0, size).Select(i => (ulong)i), images.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => permutation[(ulong)size]);
    }

    [Fact]
    public void IndexPermutationHandlesTheWholeUlongRange()
    {
        var permutation = new IndexPermutation(ulong.MaxValue, 1);
        var images = Enumerable.Range(0, 1000).Select(i => permutation[ulong.MaxValue - 1 - (ulong)i]).ToArray();
        Assert.Equal(1000, images.Distinct().Count());
        Assert.All(images, x => Assert.True(x < ulong.MaxValue));
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(20UL)]
    [InlineData(7UL)]
    [InlineData(1UL)]
    public void GridPermutationIsABijectionWhetherOrNotItSplitsTheGrid(ulong chunkCapacity)
    {
        // Small chunk capacities split this 3 x 4 x 5 x 6 x 1 x 2 grid into several chunks, as 2^64 splits a huge one.
        long[] radices = [3, 4, 5, 6, 1, 2];
        var size = radices.Aggregate(1, (product, radix) => product * (int)radix);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unchanged = 0;
        for (var n = 0; n < size; n++)
        {
            var digits = new long[radices.Length];
            var rest = n;
            for (var i = radices.Length - 1; i >= 0; i--)
            {
                digits[i] = rest % radices[i];
                rest /= (int)radices[i];
            }

            var before = string.Join(',', digits);
            GridPermutation.Apply(radices, digits, 12, chunkCapacity);
            Assert.All(digits.Zip(radices), x => Assert.InRange(x.First, 0, x.Second - 1));
            Assert.True(seen.Add(string.Join(',', digits)));
            unchanged += before == string.Join(',', digits) ? 1 : 0;
        }

        Assert.Equal(size, seen.Count);
        Assert.True(unchanged < 10, $"{unchanged} of {size} points map to themselves");
    }

    [Fact]
    public async Task AStudyWithAGridSamplerTriesEveryCombinationOnce()
    {
        // learningRate (continuous, log) x dropout (5 steps) x layers (8) x optimizer (3): 2 x 5 x 8 x 3 = 240 points.
        var sampler = new GridSampler(resolution: 2) { Shuffle = true };
        var size = (int)sampler.GridSize(TestObjective.CreateSpace());
        Assert.Equal(240, size);

        var objective = TestObjective.FromFunc(p => p.LearningRate * p.Layers);
        var result = await Study.Create(objective, new StudyOptions { Sampler = sampler, Seed = 6 }).OptimizeAsync(size, parallelism: 4);

        Assert.Equal(size, result.Count(TrialState.Complete));
        Assert.Equal(size, result.Trials.Select(t => t.Parameters).Distinct().Count());
        Assert.Equal([1e-5, 1e-1], result.Trials.Select(t => t.Parameters.LearningRate).Distinct().Order());
        Assert.Equal(1e-5, result.Best.Parameters.LearningRate);
        Assert.Equal(1L, result.Best.Parameters.Layers);
    }
}
