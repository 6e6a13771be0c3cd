using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>A log-scaled range is uniform in log space; a linear one is not (which shows the statistics can fail).</summary>
public sealed class LogScaleUniformityTests
{
    private const int Draws = 20_000;

    private static double LogPosition(double value, double low, double high) =>
        (Math.Log(value) - Math.Log(low)) / (Math.Log(high) - Math.Log(low));

    [Theory]
    [InlineData(1e-5, 1e-1)]
    [InlineData(1, 1e6)]
    [InlineData(0.5, 2)]
    public void SeededDrawsAreUniformInLogSpace(double low, double high)
    {
        var dimension = new RealDimension("x", low, high, log: true);
        var positions = Coordinates.Uniforms(Draws, seed: 11).Select(u => LogPosition(dimension.Decode(u), low, high)).ToArray();

        Assert.True(Uniformity.KolmogorovSmirnov(positions) < Uniformity.KolmogorovSmirnovCritical(Draws));
        Assert.True(Uniformity.LooksUniform(Uniformity.Histogram(positions, 20)));
    }

    [Fact]
    public void AFineGridOfCoordinatesIsEvenlySpreadInLogSpace()
    {
        const int n = 10_000;
        var dimension = new RealDimension("x", 1e-5, 1e-1, log: true);
        var positions = Enumerable.Range(0, n).Select(i => LogPosition(dimension.Decode((i + 0.5) / n), 1e-5, 1e-1));

        // A deterministic grid fits U(0, 1) far better than random draws: within a cell's width.
        Assert.True(Uniformity.KolmogorovSmirnov(positions) <= 1.0 / n);
    }

    [Fact]
    public void ALinearRangeIsNotUniformInLogSpace()
    {
        var dimension = new RealDimension("x", 1e-5, 1e-1);
        var positions = Coordinates.Uniforms(Draws, seed: 11).Select(u => LogPosition(dimension.Decode(u), 1e-5, 1e-1)).ToArray();

        Assert.False(Uniformity.KolmogorovSmirnov(positions) < Uniformity.KolmogorovSmirnovCritical(Draws));
        Assert.False(Uniformity.LooksUniform(Uniformity.Histogram(positions, 20)));
    }

    [Fact]
    public void ALinearRangeIsUniformOnItsOwnScale()
    {
        var dimension = new RealDimension("x", -2, 3);
        var positions = Coordinates.Uniforms(Draws, seed: 5).Select(u => (dimension.Decode(u) + 2) / 5).ToArray();
        Assert.True(Uniformity.KolmogorovSmirnov(positions) < Uniformity.KolmogorovSmirnovCritical(Draws));
    }

    [Fact]
    public void LogScaledIntegersOfAWideRangeAreUniformInLogSpace()
    {
        var dimension = new IntegerDimension("n", 1000, 1_000_000_000, log: true);
        var positions = Coordinates.Uniforms(Draws, seed: 3).Select(u => LogPosition(dimension.Decode(u), 1000, 1_000_000_000)).ToArray();
        Assert.True(Uniformity.KolmogorovSmirnov(positions) < Uniformity.KolmogorovSmirnovCritical(Draws));
    }

    [Fact]
    public void TheSamplersDrawsAreThemselvesUniform()
    {
        var draws = Coordinates.Uniforms(Draws, seed: 99);
        Assert.All(draws, u => Assert.InRange(u, 0.0, Coordinates.JustBelowOne));
        Assert.True(Uniformity.KolmogorovSmirnov(draws) < Uniformity.KolmogorovSmirnovCritical(Draws));
        Assert.True(Uniformity.LooksUniform(Uniformity.Histogram(draws, 50)));
    }
}
