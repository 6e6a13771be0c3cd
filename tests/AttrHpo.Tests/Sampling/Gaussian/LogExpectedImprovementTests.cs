using AttrHpo.Tests.Support;
using MathNet.Numerics;

namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class LogExpectedImprovementTests
{
    /// <summary>EI written out with MathNet's erfc, independently of the library's error function.</summary>
    private static double ClosedForm(double z) =>
        (Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI)) + (z * 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2)));

    /// <summary>log h(z) for very negative z: log phi(z) - 2 log|z| + log(1 - 3/z^2 + 15/z^4 - ...), to six terms.</summary>
    private static double AsymptoticLogH(double z)
    {
        var w = 1 / (z * z);
        var series = 1 - (3 * w) + (15 * w * w) - (105 * w * w * w) + (945 * Math.Pow(w, 4)) - (10395 * Math.Pow(w, 5));
        return (-z * z / 2) - (0.5 * Math.Log(2 * Math.PI)) + Math.Log(w) + Math.Log(series);
    }

    [Fact]
    public void MatchesTheClosedFormWhereThatIsAccurate()
    {
        for (var z = -20.0; z <= 40; z += 0.05)
        {
            foreach (var sigma in (double[])[1e-3, 1, 250])
            {
                var mean = 0.7;
                var best = mean + (z * sigma);
                var expected = sigma * ClosedForm(z);

                // The closed form itself loses digits to cancellation below z = -5 (phi and z Phi nearly cancel).
                var tolerance = z >= -5 ? 1e-10 : 1e-6;
                var actual = Math.Exp(LogExpectedImprovement.Compute(mean, sigma, best));
                Assert.True(Math.Abs(actual - expected) <= tolerance * expected, $"z={z}, sigma={sigma}: {actual} vs {expected}");
                var closed = LogExpectedImprovement.ExpectedImprovement(mean, sigma, best);
                Assert.True(Math.Abs(closed - expected) <= tolerance * expected, $"z={z}, sigma={sigma}: closed form {closed} vs {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(GpFixture.CaseIndices), MemberType = typeof(GpFixture))]
    public void MatchesScikitLearnsExpectedImprovement(int index)
    {
        var c = GpFixture.Cases[index];
        for (var i = 0; i < c.XTest.Length; i++)
        {
            var log = LogExpectedImprovement.Compute(c.Mean[i], c.Std[i], c.BestObserved);
            Assert.True(double.IsFinite(log), $"point {i}: log EI {log}");
            var expected = c.ExpectedImprovement[i];
            if (expected >= 1e-300)
            {
                Assert.True(Math.Abs(Math.Exp(log) - expected) <= 1e-6 * expected, $"point {i}: EI {Math.Exp(log)} vs scikit-learn's {expected}");
            }
            else
            {
                // scikit-learn's EI underflowed to 0 (or nearly); the log must say it is that small, not -infinity.
                Assert.True(log < Math.Log(1e-300), $"point {i}: log EI {log} where scikit-learn has {expected}");
            }
        }
    }

    [Theory]
    [InlineData(-40.0)]
    [InlineData(-99.0)]
    [InlineData(-101.0)]
    [InlineData(-1e3)]
    [InlineData(-1e6)]
    [InlineData(-1e100)]
    public void FollowsTheAsymptoticTailFarBelowTheBest(double z)
    {
        var actual = LogExpectedImprovement.Compute(mean: -z, sigma: 1, best: 0);
        var expected = AsymptoticLogH(z);
        Assert.True(double.IsFinite(actual));
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"z={z}: {actual} vs {expected}");
    }

    [Fact]
    public void IsFiniteAndStrictlyIncreasingFromFarBelowToFarAboveTheBest()
    {
        var previous = double.NegativeInfinity;
        for (var exponent = 150.0; exponent >= -3; exponent -= 0.01)
        {
            // z from -1e150 up to -1e-3, then the mirror image up to +1e150.
            var z = -Math.Pow(10, exponent);
            var value = LogExpectedImprovement.Compute(mean: -z, sigma: 1, best: 0);
            Assert.True(double.IsFinite(value) && value > previous, $"z={z}: {value} after {previous}");
            previous = value;
        }

        for (var exponent = -3.0; exponent <= 150; exponent += 0.01)
        {
            var z = Math.Pow(10, exponent);
            var value = LogExpectedImprovement.Compute(mean: -z, sigma: 1, best: 0);
            Assert.True(double.IsFinite(value) && value > previous, $"z={z}: {value} after {previous}");
            previous = value;
        }
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-100.0)]
    [InlineData(40.0)]
    public void IsContinuousAcrossItsBranches(double z)
    {
        var below = LogExpectedImprovement.Compute(mean: -Math.BitDecrement(z), sigma: 1, best: 0);
        var at = LogExpectedImprovement.Compute(mean: -z, sigma: 1, best: 0);
        var above = LogExpectedImprovement.Compute(mean: -Math.BitIncrement(z), sigma: 1, best: 0);
        Assert.True(below <= at && at <= above, $"{below}, {at}, {above}");
        Assert.True(above - below <= 1e-12 * Math.Max(1, Math.Abs(at)), $"jump of {above - below} at z={z}");
    }

    [Fact]
    public void StaysFiniteAtTheEdgesOfTheDoubles()
    {
        // z = -1e400 is below the doubles: the value saturates rather than becoming -infinity.
        Assert.Equal(-double.MaxValue, LogExpectedImprovement.Compute(mean: 1e200, sigma: 1e-200, best: 0));
        // best - mean overflows: log of the true difference, 2e308.
        Assert.Equal(Math.Log(2) + Math.Log(1e308), LogExpectedImprovement.Compute(mean: -1e308, sigma: 1, best: 1e308), 12);
        Assert.True(double.IsFinite(LogExpectedImprovement.Compute(mean: 0, sigma: double.Epsilon, best: double.Epsilon)));
        Assert.True(double.IsFinite(LogExpectedImprovement.Compute(mean: 0, sigma: 1e300, best: 1)));
    }

    [Fact]
    public void WithoutUncertaintyIsTheLogOfTheCertainImprovement()
    {
        Assert.Equal(Math.Log(0.25), LogExpectedImprovement.Compute(mean: 0.75, sigma: 0, best: 1), 15);
        Assert.Equal(double.NegativeInfinity, LogExpectedImprovement.Compute(mean: 1, sigma: 0, best: 1));
        Assert.Equal(double.NegativeInfinity, LogExpectedImprovement.Compute(mean: 2, sigma: 0, best: 1));
        Assert.Equal(0.25, LogExpectedImprovement.ExpectedImprovement(mean: 0.75, sigma: 0, best: 1));
        Assert.True(double.IsNaN(LogExpectedImprovement.Compute(mean: 0, sigma: -1, best: 1)));
    }
}
