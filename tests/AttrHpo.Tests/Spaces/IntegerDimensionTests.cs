using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>Integer dimensions: never outside the range, on the step, ends decode to low and the top value, even at the limits of <see cref="long"/>.</summary>
public sealed class IntegerDimensionTests
{
    /// <summary>low, high, log, step, the top reachable value.</summary>
    public static TheoryData<long, long, bool, long, long> Ranges => new()
    {
        { 0, 10, false, 1, 10 },
        { -5, 5, false, 2, 5 },
        { 0, 10, false, 3, 9 },
        { 1, 1000, true, 1, 1000 },
        { 1, 1000, true, 10, 991 },
        { 1, long.MaxValue, true, 1, long.MaxValue },
        { long.MinValue, long.MinValue + 10, false, 1, long.MinValue + 10 },
        { long.MaxValue - 10, long.MaxValue, false, 1, long.MaxValue },
        { long.MaxValue - 100, long.MaxValue, true, 1, long.MaxValue },
        { long.MinValue, long.MaxValue, false, 1, long.MaxValue },
        { long.MinValue, long.MaxValue, false, 1L << 40, long.MaxValue - ((1L << 40) - 1) },
        { long.MinValue, long.MaxValue, false, long.MaxValue, long.MaxValue - 1 },
        { 0, long.MaxValue, false, 3, long.MaxValue - 1 },
        { -1, long.MaxValue, false, 1, long.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EveryCoordinateDecodesInsideTheRangeOnTheStep(long low, long high, bool log, long step, long top)
    {
        var dimension = new IntegerDimension("n", low, high, log, step);
        foreach (var u in Coordinates.All)
        {
            var value = dimension.Decode(u);
            Assert.True(value >= low && value <= high, $"Decode({u:R}) = {value} is outside [{low}, {high}]");
            Assert.True(((Int128)value - low) % step == 0, $"Decode({u:R}) = {value} is off the step {step} from {low}");
            Assert.True(value <= top, $"Decode({u:R}) = {value} is above the top value {top}");
        }
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EndsDecodeToLowAndTheTopValue(long low, long high, bool log, long step, long top)
    {
        var dimension = new IntegerDimension("n", low, high, log, step);
        Assert.Equal(low, dimension.Decode(0));
        Assert.Equal(low, dimension.Decode(-1));
        Assert.Equal(low, dimension.Decode(double.NaN));
        Assert.Equal(top, dimension.Decode(1));
        Assert.Equal(top, dimension.Decode(2));
    }

    [Fact]
    public void EveryValueOfASmallRangeIsReachedInOrder()
    {
        var dimension = new IntegerDimension("n", -3, 6);
        var values = Enumerable.Range(0, 10).Select(k => dimension.Decode((k + 0.5) / 10)).ToArray();
        Assert.Equal(Enumerable.Range(-3, 10).Select(v => (long)v), values);
    }

    [Fact]
    public void TheWholeLongRangeSplitsAtZero()
    {
        var dimension = new IntegerDimension("n", long.MinValue, long.MaxValue);
        Assert.Equal(0, dimension.Decode(0.5));
        Assert.True(dimension.Decode(Math.BitDecrement(0.5)) < 0);
    }

    [Theory]
    [InlineData(0, 10, 1, 11)]
    [InlineData(0, 10, 3, 4)]
    [InlineData(long.MinValue, long.MaxValue, 1, long.MaxValue)]
    [InlineData(long.MinValue, long.MaxValue, 2, long.MaxValue)]
    [InlineData(long.MinValue, long.MaxValue, long.MaxValue, 3)]
    public void CardinalityCountsValuesAndSaturates(long low, long high, long step, long expected) =>
        Assert.Equal(expected, new IntegerDimension("n", low, high, step: step).Cardinality);

    [Fact]
    public void DescribesItself()
    {
        Assert.Equal("n: [1, 100] step 3 log", new IntegerDimension("n", 1, 100, log: true, step: 3).ToString());
        Assert.Equal("n: [0, 9]", new IntegerDimension("n", 0, 9).ToString());
    }
}
