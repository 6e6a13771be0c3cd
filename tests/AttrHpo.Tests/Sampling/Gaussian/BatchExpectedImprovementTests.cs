using MathNet.Numerics.LinearAlgebra;

namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class BatchExpectedImprovementTests
{
    /// <summary>A 2-d process on the fixture's case 1 with moderate noise, its best target, and points to evaluate at.</summary>
    private static (GaussianProcess Process, double Best) Process()
    {
        var c = SklearnCase.All[1];
        var gp = new GaussianProcess(c.Inputs, c.Dimensions, c.Targets, new GpHyperparameters(c.LengthScales, c.SignalVariance, 1e-3));
        return (gp, c.BestObserved);
    }

    private static readonly double[] Points = [0.15, 0.8, 0.5, 0.5, 0.9, 0.1, 0.35, 0.3, 0.62, 0.71];

    [Fact]
    public void WithNothingPendingItMatchesClosedFormExpectedImprovement()
    {
        var (gp, best) = Process();
        var batch = new BatchExpectedImprovement(gp, [], best, 4096, seed: 3);
        for (var t = 0; t < Points.Length / 2; t++)
        {
            var x = Points.AsSpan(t * 2, 2);
            var (mean, variance) = gp.Predict(x);
            var exact = LogExpectedImprovement.ExpectedImprovement(mean, Math.Sqrt(variance), best);
            var estimate = batch.Value(x);
            // Sobol QMC with 4096 samples: error far below the plain MC standard error sigma / 64.
            Assert.True(Math.Abs(estimate - exact) <= 0.01 * Math.Sqrt(variance) + 1e-12, $"point {t}: MC {estimate:R}, closed form {exact:R}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WithPendingPointsItMatchesABruteForceEstimateOverTheJointPosterior(int pendingCount)
    {
        var (gp, best) = Process();
        var pending = Points.AsSpan(0, pendingCount * 2).ToArray();
        var batch = new BatchExpectedImprovement(gp, pending, best, 2048, seed: 5);
        for (var t = pendingCount; t < Points.Length / 2; t++)
        {
            var x = Points.AsSpan(t * 2, 2).ToArray();
            var (estimate, error) = BruteForce(gp, [.. pending, .. x], best, 200_000, seed: t);
            var value = batch.Value(x);
            Assert.True(Math.Abs(value - estimate) <= (4 * error) + 1e-4, $"q={pendingCount + 1}, point {t}: q-EI {value:R}, brute force {estimate:R} +- {error:G3}");
        }
    }

    [Fact]
    public void GradientMatchesCentralDifferencesOfTheSameSamples()
    {
        var (gp, best) = Process();
        var batch = new BatchExpectedImprovement(gp, Points.AsSpan(0, 4), best, 1024, seed: 9);
        double[] x = [0.3, 0.45];
        var gradient = new double[2];
        batch.ValueWithGradient(x, gradient);
        const double h = 1e-7;
        for (var j = 0; j < 2; j++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = (batch.Value(plus) - batch.Value(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[j]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"feature {j}: analytic {gradient[j]:R}, numeric {numeric:R}");
        }
    }

    [Fact]
    public void AddingAPointNeverLowersTheBatchValueAndAPendingPointAddsNothing()
    {
        var (gp, best) = Process();
        var pending = Points.AsSpan(0, 4).ToArray();
        var batch = new BatchExpectedImprovement(gp, pending, best, 1024, seed: 1);
        var pendingAlone = new BatchExpectedImprovement(gp, pending.AsSpan(0, 2), best, 1024, seed: 1).Value(pending.AsSpan(2, 2));
        Assert.True(batch.Value(Points.AsSpan(6, 2)) >= pendingAlone - 1e-12);
        Assert.Equal(pendingAlone, batch.Value(pending.AsSpan(2, 2)), 1e-6);
    }

    /// <summary>
    /// E[max(best - min f(Z), 0)] by plain Monte Carlo: the joint posterior at Z built directly with MathNet
    /// (K** - K*X K^-1 KX*), sampled with pseudo-random normals; returns the estimate and its standard error.
    /// </summary>
    private static (double Estimate, double Error) BruteForce(GaussianProcess gp, double[] points, double best, int samples, int seed)
    {
        var d = gp.Dimensions;
        var q = points.Length / d;
        var n = gp.Count;
        var h = gp.Hyperparameters;
        double K(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Matern52Kernel.Covariance(a, b, h.LengthScales, h.SignalVariance);
        var train = Matrix<double>.Build.Dense(n, n, (i, j) => K(gp.Inputs.AsSpan(i * d, d), gp.Inputs.AsSpan(j * d, d)) + (i == j ? h.NoiseVariance + gp.Jitter : 0));
        var cross = Matrix<double>.Build.Dense(n, q, (i, a) => K(gp.Inputs.AsSpan(i * d, d), points.AsSpan(a * d, d)));
        var prior = Matrix<double>.Build.Dense(q, q, (a, b) => K(points.AsSpan(a * d, d), points.AsSpan(b * d, d)));
        var solved = train.Solve(cross);
        var covariance = prior - (cross.TransposeThisAndMultiply(solved));
        var mean = solved.TransposeThisAndMultiply(Vector<double>.Build.Dense(gp.Targets));
        var lower = (covariance + Matrix<double>.Build.DenseIdentity(q) * 1e-12).Cholesky().Factor;
        var random = new MathNet.Numerics.Random.MersenneTwister(seed);
        var sum = 0.0;
        var sumSquares = 0.0;
        var z = Vector<double>.Build.Dense(q);
        for (var s = 0; s < samples; s++)
        {
            for (var a = 0; a < q; a++)
            {
                z[a] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
            }

            var f = mean + (lower * z);
            var improvement = Math.Max(best - f.Minimum(), 0);
            sum += improvement;
            sumSquares += improvement * improvement;
        }

        var estimate = sum / samples;
        return (estimate, Math.Sqrt(Math.Max((sumSquares / samples) - (estimate * estimate), 0) / samples));
    }
}
