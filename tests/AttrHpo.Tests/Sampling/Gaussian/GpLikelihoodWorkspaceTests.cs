namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class GpLikelihoodWorkspaceTests
{
    /// <summary>Random points in the unit cube and targets from a smooth function plus noise, as the fitter sees them.</summary>
    private static (double[] Inputs, double[] Targets) RandomData(int n, int d, int seed)
    {
        var random = new Random(seed);
        var inputs = new double[n * d];
        var targets = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                inputs[(i * d) + j] = random.NextDouble();
                sum += Math.Sin(3 * (j + 1) * inputs[(i * d) + j]);
            }

            targets[i] = sum + (0.1 * (random.NextDouble() - 0.5));
        }

        return (inputs, targets);
    }

    private static double[] RandomTheta(int d, Random random)
    {
        var (lower, upper) = GpFitBounds.Default.ToLog(d);
        var theta = new double[d + 2];
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] = lower[i] + (random.NextDouble() * (upper[i] - lower[i]));
        }

        return theta;
    }

    private static void AssertRelative(double expected, double actual, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= 1e-12 * Math.Max(Math.Abs(expected), 1e-300),
            $"{what}: expected {expected:R}, got {actual:R}.");

    private static void AssertMatchesProcess(GpLikelihoodWorkspace workspace, double[] inputs, int d, double[] targets, double priorMean, double[] theta)
    {
        var process = new GaussianProcess(inputs, d, targets, GpHyperparameters.FromLog(theta), priorMean);
        var expected = new double[d + 2];
        LogMarginalLikelihoodGradient.Compute(process, expected);
        var gradient = new double[d + 2];
        var value = workspace.Evaluate(theta, gradient);
        AssertRelative(process.LogMarginalLikelihood, value, "log marginal likelihood");
        Assert.Equal(process.Jitter, workspace.Jitter);
        for (var p = 0; p < gradient.Length; p++)
        {
            // Gradient entries near zero are sums of terms of either sign: compare against the gradient's scale.
            Assert.True(
                Math.Abs(gradient[p] - expected[p]) <= 1e-12 * Math.Max(Math.Abs(expected[p]), 1),
                $"gradient {p}: expected {expected[p]:R}, got {gradient[p]:R}.");
        }
    }

    [Theory]
    [InlineData(3, 1, 1)]
    [InlineData(40, 2, 2)]
    [InlineData(128, 6, 3)]
    [InlineData(97, 5, 4)]
    public void EvaluationEqualsTheProcessAndItsGradientOnRandomData(int n, int d, int seed)
    {
        var (inputs, targets) = RandomData(n, d, seed);
        var random = new Random(seed);
        var workspace = new GpLikelihoodWorkspace(inputs, d, targets, priorMean: 0.25);
        var thetas = Enumerable.Range(0, 6).Select(_ => RandomTheta(d, random)).ToArray();
        foreach (var theta in thetas)
        {
            AssertMatchesProcess(workspace, inputs, d, targets, 0.25, theta);
        }

        // The buffers are reused: going back to the first point gives its values again.
        AssertMatchesProcess(workspace, inputs, d, targets, 0.25, thetas[0]);
    }

    [Fact]
    public void EvaluationNeedingJitterEqualsTheProcess()
    {
        // Duplicated points with a noise variance of e^-40 are singular without jitter.
        double[] inputs = [0.5, 0.5, 0.5, 0.5, 0.2, 0.2, 0.9, 0.1];
        double[] targets = [1.0, 1.0, 0.0, 0.5];
        double[] theta = [Math.Log(0.3), Math.Log(0.4), 0, -40];
        var workspace = new GpLikelihoodWorkspace(inputs, 2, targets, 0);
        AssertMatchesProcess(workspace, inputs, 2, targets, 0, theta);
        Assert.True(workspace.Jitter > 0);
        AssertMatchesProcess(workspace, inputs, 2, targets, 0, [Math.Log(0.3), Math.Log(0.4), 0, Math.Log(0.1)]);
        Assert.Equal(0, workspace.Jitter);
    }

    /// <summary>
    /// The blocked in-place inverse is bit for bit the allocating one, for sizes around the vector widths, into buffers that
    /// hold another matrix's values (everywhere, above the diagonal too) from before.
    /// </summary>
    [Fact]
    public void InPlaceInverseIsBitForBitTheAllocatingOne()
    {
        var factorInverse = new double[131 * 131];
        var inverse = new double[131 * 131];
        foreach (var n in (int[])[1, 2, 3, 5, 8, 9, 16, 17, 31, 64, 127, 131])
        {
            var (inputs, _) = RandomData(n, 3, n);
            var covariance = GaussianProcess.TrainingCovariance(inputs, n, 3, new GpHyperparameters([0.2, 0.4, 0.9], 1.7, 1e-3));
            var lower = JitteredCholesky.Factor(covariance, n, out _);
            var expected = LogMarginalLikelihoodGradient.Inverse(lower, n);
            factorInverse.AsSpan().Fill(n);
            inverse.AsSpan().Fill(-n);
            LogMarginalLikelihoodGradient.Inverse(lower, n, factorInverse.AsSpan(0, n * n), inverse.AsSpan(0, n * n));
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    var e = expected[(a * n) + b];
                    var actual = inverse[(a * n) + b];
                    Assert.True(
                        BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(actual),
                        $"n = {n}, entry ({a}, {b}): allocating {e:R}, in place {actual:R}");
                }
            }
        }
    }

    [Fact]
    public void NonFiniteTargetsAreRefusedWithAMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new GpLikelihoodWorkspace([0.1, 0.2], 1, [1.0, double.PositiveInfinity], 0));
        Assert.Contains("Infinity", error.Message, StringComparison.Ordinal);
    }
}
