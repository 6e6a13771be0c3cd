using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>Choices, integers and stepped reals (without log scale): every allowed value is equally likely.</summary>
public sealed class DiscreteUniformityTests
{
    private const int Draws = 30_000;

    private static long[] Count<T>(IEnumerable<T> values, IReadOnlyList<T> allowed)
        where T : notnull
    {
        var index = allowed.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var counts = new long[allowed.Count];
        foreach (var value in values)
        {
            Assert.True(index.TryGetValue(value, out var i), $"{value} is not an allowed value");
            counts[i]++;
        }

        return counts;
    }

    [Fact]
    public void ChoicesAreEquallyLikely()
    {
        var dimension = new CategoricalDimension("c", ["a", "b", "c", "d", "e"]);
        var counts = Count(Coordinates.Uniforms(Draws, seed: 1).Select(dimension.Decode), [0, 1, 2, 3, 4]);
        Assert.True(Uniformity.LooksUniform(counts), $"counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void IntegersAreEquallyLikely()
    {
        var dimension = new IntegerDimension("n", -3, 6);
        var counts = Count(Coordinates.Uniforms(Draws, seed: 2).Select(dimension.Decode), [.. Enumerable.Range(-3, 10).Select(v => (long)v)]);
        Assert.True(Uniformity.LooksUniform(counts), $"counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void SteppedIntegersAreEquallyLikely()
    {
        var dimension = new IntegerDimension("n", 0, 100, step: 7);
        var counts = Count(Coordinates.Uniforms(Draws, seed: 3).Select(dimension.Decode), [.. Enumerable.Range(0, 15).Select(k => 7L * k)]);
        Assert.True(Uniformity.LooksUniform(counts), $"counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void SteppedRealsAreEquallyLikely()
    {
        var dimension = new RealDimension("x", 0.1, 1.0, step: 0.1);
        double[] allowed = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        var counts = Count(Coordinates.Uniforms(Draws, seed: 4).Select(dimension.Decode), allowed);
        Assert.True(Uniformity.LooksUniform(counts), $"counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void EvenlySpacedCoordinatesHitEveryValueEqually()
    {
        var real = new RealDimension("x", 0, 1, step: 0.3);
        var integer = new IntegerDimension("n", 0, 10, step: 3);
        var choice = new CategoricalDimension("c", ["a", "b", "c", "d"]);
        var cells = Enumerable.Range(0, 4000).Select(i => (i + 0.5) / 4000).ToArray();

        Assert.All(Count(cells.Select(real.Decode), [0.0, 0.3, 0.6, 0.9]), c => Assert.Equal(1000, c));
        Assert.All(Count(cells.Select(integer.Decode), [0L, 3L, 6L, 9L]), c => Assert.Equal(1000, c));
        Assert.All(Count(cells.Select(choice.Decode), [0, 1, 2, 3]), c => Assert.Equal(1000, c));
    }

    [Fact]
    public void TheWholeLongRangeIsUniform()
    {
        var dimension = new IntegerDimension("n", long.MinValue, long.MaxValue);
        var positions = Coordinates.Uniforms(Draws, seed: 6).Select(u => (double)(((Int128)dimension.Decode(u) - long.MinValue) >> 60) / 16);
        Assert.True(Uniformity.LooksUniform(Uniformity.Histogram(positions, 16)));
    }

    [Fact]
    public void ABiasedCountFailsTheTest() => Assert.False(Uniformity.LooksUniform([1100, 1000, 1000, 900]));
}
