using MathNet.Numerics.LinearAlgebra;

namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class JitteredCholeskyTests
{
    /// <summary>
    /// The in-place factorisation is bit for bit MathNet's managed Cholesky (the fitter's suggestions before it), including
    /// sizes past MathNet's parallel split and sizes that are no multiple of the vector width.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(301)]
    [InlineData(480)]
    public void FactorIsBitForBitMathNetsCholesky(int n)
    {
        var d = 6;
        var random = new Random(n);
        var inputs = Enumerable.Range(0, n * d).Select(_ => random.NextDouble()).ToArray();
        var covariance = GaussianProcess.TrainingCovariance(inputs, n, d, new GpHyperparameters([0.3, 0.5, 0.8, 1.2, 0.7, 2.0], 1.3, 1e-4));
        var lower = JitteredCholesky.Factor(covariance, n, out var jitter);
        Assert.Equal(0, jitter);
        var expected = Matrix<double>.Build.Dense(n, n, (double[])covariance.Clone()).Cholesky().Factor.ToRowMajorArray();
        Assert.Equal(expected.Length, lower.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(lower[i]),
                $"entry ({i / n}, {i % n}): MathNet {expected[i]:R}, in place {lower[i]:R}");
        }
    }

    /// <summary>
    /// Duplicated points without noise: the escalation stops at the same jitter as MathNet's factorisation would, with the
    /// same factor, as <c>JitteredCholesky</c> gave when it called MathNet.
    /// </summary>
    [Fact]
    public void JitterEscalationStopsWhereMathNetsCholeskySucceeds()
    {
        var n = 40;
        var d = 2;
        var random = new Random(5);
        var inputs = Enumerable.Range(0, n * d).Select(_ => random.NextDouble()).ToArray();
        inputs.AsSpan(0, 10 * d).CopyTo(inputs.AsSpan(20 * d));
        var covariance = GaussianProcess.TrainingCovariance(inputs, n, d, new GpHyperparameters([0.3, 0.5], 1.0, 0));
        var lower = JitteredCholesky.Factor(covariance, n, out var jitter);
        Assert.True(jitter > 0);
        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += covariance[(i * n) + i] / n;
        }

        double[]? expected = null;
        var expectedJitter = double.NaN;
        foreach (var relative in (double[])[0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4])
        {
            var matrix = Matrix<double>.Build.Dense(n, n, (double[])covariance.Clone());
            for (var i = 0; i < n && relative > 0; i++)
            {
                matrix[i, i] += relative * meanDiagonal;
            }

            try
            {
                expected = matrix.Cholesky().Factor.ToRowMajorArray();
                expectedJitter = relative * meanDiagonal;
                break;
            }
            catch (ArgumentException)
            {
            }
        }

        Assert.Equal(expectedJitter, jitter);
        Assert.Equal(expected, lower);
    }

    [Fact]
    public void AMatrixThatIsNotPositiveDefiniteEvenWithJitterFailsWithAMessage()
    {
        double[] covariance = [1, 2, 2, 1];
        var error = Assert.Throws<GpNumericalException>(() => JitteredCholesky.Factor(covariance, 2, out _));
        Assert.Contains("raise the lower bound of the noise variance", error.Message, StringComparison.Ordinal);
    }
}
