namespace AttrHpo.Tests.Spaces;

/// <summary>Decode(Encode(v)) gives v back: exactly for grid values, integers and choices; to 1e-12 relative for continuous ranges.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [InlineData(0.1, 1.0, 0.1, false)]
    [InlineData(0, 1, 0.3, false)]
    [InlineData(-1, 1, 0.2, false)]
    [InlineData(0.001, 0.1, 0.001, true)]
    [InlineData(1, 1000, 7, true)]
    [InlineData(0, 1, 1.0 / 3, false)]
    [InlineData(1.0 / 3, 10, 0.01, false)]
    [InlineData(0, 1e20, 1e18, false)]
    public void EveryGridValueRoundTripsExactly(double low, double high, double step, bool log)
    {
        var dimension = new RealDimension("x", low, high, log, step);
        var count = dimension.Cardinality!.Value;
        var grid = Enumerable.Range(0, (int)count).Select(k => dimension.Decode((k + 0.5) / count)).Distinct().ToArray();
        if (!log)
        {
            Assert.Equal(count, grid.Length);
        }

        foreach (var value in grid)
        {
            var u = dimension.Encode(value);
            Assert.InRange(u, 0.0, 1.0);
            Assert.Equal(value, dimension.Decode(u));
        }
    }

    [Fact]
    public void DecimalLiteralsRoundTrip()
    {
        var dimension = new RealDimension("x", 0.1, 1.0, step: 0.1);
        foreach (var value in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 })
        {
            Assert.Equal(value, dimension.Decode(dimension.Encode(value)));
        }

        Assert.Equal(0.3, dimension.Decode(dimension.Encode(0.1 + 0.2)));
        Assert.Equal(0.4, dimension.Decode(dimension.Encode(0.43)));
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(-5, 5, false)]
    [InlineData(-3.5, -0.5, false)]
    [InlineData(1e-5, 1e-1, true)]
    [InlineData(1, 1e6, true)]
    [InlineData(1e-300, 1e300, true)]
    [InlineData(-1e308, 1e308, false)]
    [InlineData(double.MinValue, double.MaxValue, false)]
    public void ContinuousValuesRoundTripToRelativePrecision(double low, double high, bool log)
    {
        var dimension = new RealDimension("x", low, high, log);
        var values = Enumerable.Range(0, 1001).Select(i => dimension.Decode(i / 1000.0)).Append(low).Append(high);
        foreach (var value in values)
        {
            var back = dimension.Decode(dimension.Encode(value));

            // Relative to the value, or to the width for a linear range that crosses zero.
            var scale = log ? Math.Abs(value) : Math.Max(Math.Abs(value), (high / 2) - (low / 2));
            Assert.True(Math.Abs(back - value) <= 1e-12 * scale, $"{value:R} came back as {back:R}");
        }
    }

    [Theory]
    [InlineData(0, 1000, false, 1)]
    [InlineData(-500, 500, false, 7)]
    [InlineData(1, 100_000, true, 1)]
    [InlineData(1, 100_000, true, 13)]
    [InlineData(long.MinValue, long.MinValue + 2000, false, 1)]
    [InlineData(long.MaxValue - 2000, long.MaxValue, false, 1)]
    [InlineData(long.MaxValue - 2000, long.MaxValue, false, 3)]
    public void EveryIntegerOfASmallRangeRoundTrips(long low, long high, bool log, long step)
    {
        var dimension = new IntegerDimension("n", low, high, log, step);
        for (Int128 value = low; value <= high; value += step)
        {
            var u = dimension.Encode((long)value);
            Assert.InRange(u, 0.0, 1.0);
            Assert.Equal((long)value, dimension.Decode(u));
        }
    }

    [Theory]
    [InlineData(long.MinValue, long.MinValue + (1L << 50))]
    [InlineData(long.MaxValue - (1L << 50), long.MaxValue)]
    [InlineData(-(1L << 49), 1L << 49)]
    public void IntegersOfWideRangesRoundTripUpTo2Pow50Values(long low, long high)
    {
        var dimension = new IntegerDimension("n", low, high);
        var span = (Int128)high - low;
        foreach (var offset in new Int128[] { 0, 1, 2, 12345, span / 3, span / 2, span - 12345, span - 2, span - 1, span })
        {
            var value = (long)(low + offset);
            Assert.Equal(value, dimension.Decode(dimension.Encode(value)));
        }
    }

    [Fact]
    public void EncodeSnapsIntegersToTheNearestStepAndClampsToTheRange()
    {
        var dimension = new IntegerDimension("n", 0, 10, step: 3);
        Assert.Equal(3, dimension.Decode(dimension.Encode(2)));
        Assert.Equal(3, dimension.Decode(dimension.Encode(4)));
        Assert.Equal(9, dimension.Decode(dimension.Encode(10)));
        Assert.Equal(0, dimension.Decode(dimension.Encode(-100)));
        Assert.Equal(9, dimension.Decode(dimension.Encode(long.MaxValue)));
    }

    [Fact]
    public void RealEncodeClampsAndRejectsNaN()
    {
        var dimension = new RealDimension("x", 1, 2);
        Assert.Equal(0.0, dimension.Encode(-5));
        Assert.Equal(1.0, dimension.Encode(double.PositiveInfinity));
        var error = Assert.Throws<ArgumentException>(() => dimension.Encode(double.NaN));
        Assert.Contains("'x'", error.Message);
        Assert.Contains("NaN", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(997)]
    public void EveryChoiceRoundTrips(int count)
    {
        var dimension = new CategoricalDimension("c", [.. Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        for (var index = 0; index < count; index++)
        {
            Assert.Equal(index, dimension.Decode(dimension.Encode(index)));
        }
    }
}
