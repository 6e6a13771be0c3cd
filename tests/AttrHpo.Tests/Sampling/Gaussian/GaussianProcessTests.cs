namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class GaussianProcessTests
{
    public static TheoryData<int> Cases => SklearnCase.Indices();

    /// <summary>
    /// The fixture's kernel as scikit-learn used it: GaussianProcessRegressor adds its default alpha = 1e-10 to the diagonal
    /// beside the WhiteKernel's noise (it matters in case 0, whose noise is 4e-6: without it the LML differs by 3e-5 relative).
    /// </summary>
    private static GaussianProcess Fixed(SklearnCase c) =>
        new(c.Inputs, c.Dimensions, c.Targets, new GpHyperparameters(c.LengthScales, c.SignalVariance, c.NoiseVariance + 1e-10));

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= tolerance * Math.Max(Math.Abs(expected), 1e-300),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3}).");

    [Theory]
    [MemberData(nameof(Cases))]
    public void PosteriorMeanStdAndLogMarginalLikelihoodMatchScikitLearn(int index)
    {
        var c = SklearnCase.All[index];
        var gp = Fixed(c);
        Assert.Equal(0, gp.Jitter);
        AssertRelative(c.LogMarginalLikelihood, gp.LogMarginalLikelihood, 1e-6, "log marginal likelihood");
        for (var t = 0; t < c.Mean.Length; t++)
        {
            var (mean, variance) = gp.Predict(c.TestInputs.AsSpan(t * c.Dimensions, c.Dimensions));
            AssertRelative(c.Mean[t], mean, 1e-6, $"mean at test point {t}");
            // The recorded std is scikit-learn's predict(return_std=True) with a WhiteKernel, which includes the noise variance
            // (the fixture's README says it excludes it; the numbers say otherwise: std^2 - latent variance = noise, in every case).
            AssertRelative(c.Std[t], Math.Sqrt(variance + c.NoiseVariance), 1e-6, $"std at test point {t}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogMarginalLikelihoodGradientMatchesCentralDifferences(int index)
    {
        var c = SklearnCase.All[index];
        // Moderate noise keeps the finite differences well conditioned; the analytic formula does not depend on it.
        var theta = new GpHyperparameters(c.LengthScales, c.SignalVariance, 1e-3).ToLog();
        var gradient = new double[theta.Length];
        LogMarginalLikelihoodGradient.Compute(Lml(theta, c, out var gp), gradient);
        Assert.Equal(0, gp.Jitter);
        const double h = 1e-5;
        for (var p = 0; p < theta.Length; p++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[p] += h;
            minus[p] -= h;
            var numeric = (Lml(plus, c, out _).LogMarginalLikelihood - Lml(minus, c, out _).LogMarginalLikelihood) / (2 * h);
            Assert.True(
                Math.Abs(numeric - gradient[p]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)),
                $"parameter {p}: analytic {gradient[p]:R}, central difference {numeric:R}");
        }
    }

    [Fact]
    public void GradientOfMeanAndVarianceMatchesCentralDifferences()
    {
        var c = SklearnCase.All[3];
        var gp = Fixed(c);
        var d = c.Dimensions;
        var x = c.TestInputs.AsSpan(0, d).ToArray();
        var meanGradient = new double[d];
        var varianceGradient = new double[d];
        gp.PredictWithGradient(x, meanGradient, varianceGradient, new double[c.Count], new double[c.Count * d]);
        const double h = 1e-6;
        for (var j = 0; j < d; j++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[j] += h;
            minus[j] -= h;
            var (mp, vp) = gp.Predict(plus);
            var (mm, vm) = gp.Predict(minus);
            Assert.Equal((mp - mm) / (2 * h), meanGradient[j], 1e-5);
            Assert.Equal((vp - vm) / (2 * h), varianceGradient[j], 1e-5);
        }
    }

    [Fact]
    public void ConditioningOnPointsKeepsTheMeanAndMatchesAFullRefit()
    {
        var c = SklearnCase.All[1];
        var hyper = new GpHyperparameters(c.LengthScales, c.SignalVariance, 1e-4);
        var gp = new GaussianProcess(c.Inputs, c.Dimensions, c.Targets, hyper);
        double[] pending = [0.3, 0.7, 0.9, 0.1];
        var conditioned = gp.ConditionedOn(pending);
        var refit = new GaussianProcess(
            [.. c.Inputs, .. pending], c.Dimensions, [.. c.Targets, gp.Predict(pending.AsSpan(0, 2)).Mean, gp.Predict(pending.AsSpan(2, 2)).Mean], hyper);
        for (var t = 0; t < c.Mean.Length; t++)
        {
            var x = c.TestInputs.AsSpan(t * 2, 2);
            Assert.Equal(gp.Predict(x).Mean, conditioned.Predict(x).Mean, 1e-9);
            Assert.Equal(refit.Predict(x).Variance, conditioned.Predict(x).Variance, 1e-12);
            Assert.True(conditioned.Predict(x).Variance <= gp.Predict(x).Variance + 1e-15);
        }

        Assert.True(conditioned.Predict(pending.AsSpan(0, 2)).Variance < 2e-4);
    }

    [Fact]
    public void ExtendingTheFactorMatchesAFullFactorisationWithNewTargets()
    {
        var c = SklearnCase.All[2];
        var d = c.Dimensions;
        var hyper = new GpHyperparameters(c.LengthScales, c.SignalVariance, 1e-4);
        var full = new GaussianProcess(c.Inputs, d, c.Targets, hyper);
        var first = 30;
        var shifted = c.Targets.Select(y => (y * 2) + 1).ToArray();
        var extended = new GaussianProcess(c.Inputs[..(first * d)], d, c.Targets[..first], hyper).Extended(c.Inputs.AsSpan(first * d), shifted);
        var reference = new GaussianProcess(c.Inputs, d, shifted, hyper);
        Assert.Equal(reference.LogMarginalLikelihood, extended.LogMarginalLikelihood, 1e-9);
        for (var t = 0; t < c.Mean.Length; t++)
        {
            var x = c.TestInputs.AsSpan(t * d, d);
            Assert.Equal(reference.Predict(x).Mean, extended.Predict(x).Mean, 1e-9);
            Assert.Equal(reference.Predict(x).Variance, extended.Predict(x).Variance, 1e-12);
        }

        Assert.Equal(full.Count, extended.Count);
    }

    [Fact]
    public void DuplicatedPointsWithoutNoiseFactorWithJitterInsteadOfNaN()
    {
        double[] inputs = [0.5, 0.5, 0.5, 0.5, 0.2, 0.2];
        var gp = new GaussianProcess(inputs, 2, [1.0, 1.0, 0.0], new GpHyperparameters([0.3, 0.3], 1.0, 0.0));
        Assert.True(gp.Jitter > 0);
        Assert.True(double.IsFinite(gp.LogMarginalLikelihood));
        Assert.True(double.IsFinite(gp.Predict([0.4, 0.4]).Mean));
    }

    [Fact]
    public void NonFiniteTargetsAreRefusedWithAMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new GaussianProcess([0.1, 0.2], 1, [1.0, double.NaN], new GpHyperparameters([0.3], 1.0, 1e-6)));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    private static GaussianProcess Lml(double[] theta, SklearnCase c, out GaussianProcess gp)
    {
        gp = new GaussianProcess(c.Inputs, c.Dimensions, c.Targets, GpHyperparameters.FromLog(theta));
        return gp;
    }
}
