using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>Contains: exactly the values decoding can produce (inside the range, on the grid).</summary>
public sealed class ContainsTests
{
    [Fact]
    public void ARealGridContainsItsLiteralsOnly()
    {
        var dimension = new RealDimension("x", 0.1, 1.0, step: 0.1);
        Assert.All(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 }, v => Assert.True(dimension.Contains(v), $"{v}"));
        Assert.False(dimension.Contains(0.1 + 0.2));
        Assert.False(dimension.Contains(0.35));
        Assert.False(dimension.Contains(0.0));
        Assert.False(dimension.Contains(1.1));
        Assert.False(dimension.Contains(double.NaN));
    }

    [Theory]
    [InlineData(0.1, 1.0, 0.1, false)]
    [InlineData(0, 1, 1.0 / 3, false)]
    [InlineData(0.12345678901234568, 1, 0.125, false)]
    [InlineData(0.001, 0.1, 0.001, true)]
    [InlineData(0, 1e20, 1e18, false)]
    public void EveryDecodedGridValueIsContained(double low, double high, double step, bool log)
    {
        var dimension = new RealDimension("x", low, high, log, step);
        Assert.All(Coordinates.All, u => Assert.True(dimension.Contains(dimension.Decode(u)), $"Decode({u:R}) = {dimension.Decode(u):R}"));
    }

    [Fact]
    public void AContinuousRangeContainsEverythingBetweenItsBounds()
    {
        var dimension = new RealDimension("x", 1e-5, 1e-1, log: true);
        Assert.True(dimension.Contains(1e-5));
        Assert.True(dimension.Contains(0.0123456789));
        Assert.True(dimension.Contains(1e-1));
        Assert.False(dimension.Contains(Math.BitDecrement(1e-5)));
        Assert.False(dimension.Contains(Math.BitIncrement(1e-1)));
    }

    [Fact]
    public void SinglePrecisionValuesOfTheGridAreContained()
    {
        var dimension = new RealDimension("x", 0.1, 1.0, step: 0.1);
        Assert.True(dimension.ContainsSingle(0.3f));
        Assert.True(dimension.ContainsSingle((float)dimension.Decode(0.95)));
        Assert.False(dimension.ContainsSingle(0.35f));
        Assert.False(dimension.ContainsSingle(2f));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(4, false)]
    [InlineData(-3, false)]
    public void AnIntegerRangeContainsItsSteps(long value, bool contained) =>
        Assert.Equal(contained, new IntegerDimension("n", 0, 10, step: 3).Contains(value));

    [Fact]
    public void TheWholeLongRangeContainsItsExtremes()
    {
        var dimension = new IntegerDimension("n", long.MinValue, long.MaxValue, step: 1L << 40);
        Assert.True(dimension.Contains(long.MinValue));
        Assert.True(dimension.Contains(dimension.Decode(1)));
        Assert.False(dimension.Contains(long.MaxValue));
    }

    [Fact]
    public void ChoicesFindTypedValues()
    {
        var dimension = new CategoricalDimension("size", ["16", "32", "64"]);
        Assert.Equal(2, dimension.IndexOfValue(64, [16, 32, 64]));
        var error = Assert.Throws<ArgumentException>(() => dimension.IndexOfValue(48, [16, 32, 64]));
        Assert.Contains("'size'", error.Message);
        Assert.Contains("48", error.Message);
        Assert.Contains("{16, 32, 64}", error.Message);
    }
}
