using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>Continuous real dimensions: every coordinate decodes into [low, high], and the ends decode to the bounds.</summary>
public sealed class RealDimensionDecodeTests
{
    public static TheoryData<double, double, bool> Ranges => new()
    {
        { 0, 1, false },
        { -5, 5, false },
        { 0.1, 0.7, false },
        { -3.5, -0.5, false },
        { 1e-300, 1e-299, false },
        { -1e308, 1e308, false },
        { double.MinValue, double.MaxValue, false },
        { 1e-5, 1e-1, true },
        { 1, 1e6, true },
        { 0.3, 0.7, true },
        { double.Epsilon, double.MaxValue, true },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EveryCoordinateDecodesInsideTheRange(double low, double high, bool log)
    {
        var dimension = new RealDimension("x", low, high, log);
        foreach (var u in Coordinates.All)
        {
            var value = dimension.Decode(u);
            Assert.True(value >= low && value <= high, $"Decode({u:R}) = {value:R} is outside [{low:R}, {high:R}]");
        }
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EndsDecodeToTheBoundsExactly(double low, double high, bool log)
    {
        var dimension = new RealDimension("x", low, high, log);
        Assert.Equal(low, dimension.Decode(0));
        Assert.Equal(high, dimension.Decode(1));
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void OutOfRangeCoordinatesAreClamped(double low, double high, bool log)
    {
        var dimension = new RealDimension("x", low, high, log);
        Assert.Equal(dimension.Decode(0), dimension.Decode(-1));
        Assert.Equal(dimension.Decode(0), dimension.Decode(double.NegativeInfinity));
        Assert.Equal(dimension.Decode(0), dimension.Decode(double.NaN));
        Assert.Equal(dimension.Decode(1), dimension.Decode(1.5));
        Assert.Equal(dimension.Decode(1), dimension.Decode(double.PositiveInfinity));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DecodingIsMonotonic(bool log)
    {
        var dimension = new RealDimension("x", 0.001, 1000, log);
        var previous = double.NegativeInfinity;
        foreach (var u in Coordinates.All.Where(u => u is >= 0 and <= 1).Order())
        {
            var value = dimension.Decode(u);
            Assert.True(value >= previous, $"Decode({u:R}) = {value:R} is below the value of a smaller coordinate, {previous:R}");
            previous = value;
        }
    }

    [Fact]
    public void LinearScaleInterpolates()
    {
        var dimension = new RealDimension("x", -2, 6);
        Assert.Equal(2.0, dimension.Decode(0.5), 12);
        Assert.Equal(0.0, dimension.Decode(0.25), 12);
    }

    [Fact]
    public void ARangeWiderThanDoubleMaxValueInterpolatesWithoutOverflow()
    {
        var dimension = new RealDimension("x", double.MinValue, double.MaxValue);
        Assert.Equal(0.0, dimension.Decode(0.5));
        Assert.Equal(double.MinValue / 2, dimension.Decode(0.25), double.MaxValue * 1e-15);
        Assert.Equal(0.5, dimension.Encode(0));
        Assert.Equal(1.0, dimension.Encode(double.MaxValue));
    }

    [Fact]
    public void LogScaleInterpolatesInLogSpace()
    {
        var dimension = new RealDimension("x", 1e-4, 1, log: true);
        Assert.Equal(1e-2, dimension.Decode(0.5), 1e-15);
        Assert.Equal(1e-3, dimension.Decode(0.25), 1e-16);
    }

    [Fact]
    public void ContinuousHasNoCardinality() => Assert.Null(new RealDimension("x", 0, 1).Cardinality);

    [Fact]
    public void DescribesItself()
    {
        Assert.Equal("lr: [1E-05, 0.1] log", new RealDimension("lr", 1e-5, 0.1, log: true).ToString());
        Assert.Equal("d: [0.1, 0.5] step 0.1", new RealDimension("d", 0.1, 0.5, step: 0.1).ToString());
    }
}
