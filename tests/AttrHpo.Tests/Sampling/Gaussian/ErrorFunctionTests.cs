using MathNet.Numerics;

namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class ErrorFunctionTests
{
    private static IEnumerable<double> Grid(double from, double to, double step)
    {
        for (var x = from; x <= to; x += step)
        {
            yield return x;
        }
    }

    [Fact]
    public void ErfcMatchesMathNetFromMinusSixToTwentySix()
    {
        foreach (var x in Grid(-6, 26, 0.01))
        {
            var expected = SpecialFunctions.Erfc(x);
            Assert.True(Math.Abs(ErrorFunction.Erfc(x) - expected) <= 1e-13 * expected, $"erfc({x}) = {ErrorFunction.Erfc(x)}, MathNet {expected}");
        }
    }

    [Fact]
    public void ErfcxIsTheScaledErfcWhereThatIsRepresentable()
    {
        foreach (var x in Grid(0, 26, 0.01))
        {
            // exp(x^2) carries a relative error of about x^2 * 1e-16 itself.
            var expected = Math.Exp(x * x) * SpecialFunctions.Erfc(x);
            Assert.True(Math.Abs(ErrorFunction.Erfcx(x) - expected) <= 2e-13 * expected, $"erfcx({x}) = {ErrorFunction.Erfcx(x)}, expected {expected}");
        }
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(1e3)]
    [InlineData(1e6)]
    [InlineData(1e10)]
    [InlineData(1e300)]
    public void ErfcxFollowsItsAsymptoticSeriesFarOut(double x)
    {
        // erfcx(x) = 1/(x sqrt(pi)) (1 - w + 3 w^2 - 15 w^3 + 105 w^4 - 945 w^5 ...), w = 1/(2x^2).
        var w = 1 / (2 * x * x);
        var expected = 1 / (x * Math.Sqrt(Math.PI)) * (1 - (w * (1 - (3 * w * (1 - (5 * w * (1 - (7 * w * (1 - (9 * w))))))))));
        Assert.Equal(1, ErrorFunction.Erfcx(x) / expected, 14);
    }
}
