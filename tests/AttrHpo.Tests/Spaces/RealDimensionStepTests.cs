using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>Real dimensions with a step: decoded values lie on the grid low + k * step, computed to the double the user wrote.</summary>
public sealed class RealDimensionStepTests
{
    /// <summary>low, high, step, log, the top reachable grid value.</summary>
    public static TheoryData<double, double, double, bool, double> Grids => new()
    {
        { 0.1, 1.0, 0.1, false, 1.0 },
        { 0, 1, 0.25, false, 1.0 },
        { 0, 1, 0.3, false, 0.9 },
        { -1, 1, 0.2, false, 1.0 },
        { 0.5, 10, 0.5, false, 10 },
        { 0.001, 0.1, 0.001, true, 0.1 },
        { 0.1, 1.0, 0.1, true, 1.0 },
        { 1, 1000, 7, true, 995 },
        { 0, 1, 1.0 / 3, false, 1.0 },
        { 1.0 / 3, 1, 0.25, false, (1.0 / 3) + 0.5 },
        { 0.12345678901234568, 1, 0.125, false, 0.12345678901234568 + 0.875 },
        { 0, 1e20, 1e18, false, 1e20 },
        { 0, 1, 1e-13, false, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Grids))]
    public void EveryCoordinateDecodesOntoTheGridInsideTheRange(double low, double high, double step, bool log, double top)
    {
        _ = top;
        var dimension = new RealDimension("x", low, high, log, step);
        foreach (var u in Coordinates.All)
        {
            var value = dimension.Decode(u);
            Assert.True(value >= low && value <= high, $"Decode({u:R}) = {value:R} is outside [{low:R}, {high:R}]");
            var k = (value - low) / step;
            Assert.True(Math.Abs(k - Math.Round(k)) <= 1e-9 * Math.Max(1, k), $"Decode({u:R}) = {value:R} is off the grid {low:R} + k * {step:R} (k = {k:R})");
        }
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public void EndsDecodeToLowAndTheTopGridValue(double low, double high, double step, bool log, double top)
    {
        var dimension = new RealDimension("x", low, high, log, step);
        Assert.Equal(low, dimension.Decode(0));
        Assert.Equal(top, dimension.Decode(1));
        Assert.Equal(top, dimension.Decode(Coordinates.JustBelowOne));
    }

    [Fact]
    public void GridValuesAreTheDecimalLiterals()
    {
        double[] expected = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        var dimension = new RealDimension("x", 0.1, 1.0, step: 0.1);
        Assert.Equal(10, dimension.Cardinality);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], dimension.Decode((k + 0.5) / 10));
        }

        Assert.Equal(0.4, dimension.Decode(0.35));
        Assert.All(Coordinates.All, u => Assert.Contains(dimension.Decode(u), expected));
    }

    [Fact]
    public void LogGridValuesAreTheDecimalLiterals()
    {
        var dimension = new RealDimension("x", 0.1, 1.0, log: true, step: 0.1);
        double[] expected = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        var seen = Coordinates.All.Select(dimension.Decode).Distinct().Order().ToArray();
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData(0.1, 1.0, 0.1, 10)]
    [InlineData(0, 1, 0.3, 4)]
    [InlineData(0, 1, 0.25, 5)]
    [InlineData(0, 1, 1.0 / 3, 4)]
    [InlineData(0, 0.5, 1, 1)]
    public void CardinalityCountsTheGridValues(double low, double high, double step, long count) =>
        Assert.Equal(count, new RealDimension("x", low, high, step: step).Cardinality);

    [Fact]
    public void AStepWiderThanTheRangeLeavesOnlyLow()
    {
        var dimension = new RealDimension("x", 0, 0.5, step: 1);
        Assert.All(Coordinates.All, u => Assert.Equal(0.0, dimension.Decode(u)));
    }
}
