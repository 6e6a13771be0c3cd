using MathNet.Numerics.LinearAlgebra;

namespace AttrHpo;

/// <summary>
/// Cholesky factorisation of a covariance matrix with jitter escalation: when the matrix is not numerically positive
/// definite, a growing multiple of its mean diagonal is added until it is, and past the largest jitter the factorisation
/// fails with a clear exception rather than returning NaN.
/// </summary>
internal static class JitteredCholesky
{
    /// <summary>Relative jitters tried after the matrix as given: 1e-10 to 1e-4 of its mean diagonal.</summary>
    private static readonly double[] RelativeJitters = [0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4];

    /// <summary>Factors <paramref name="covariance"/> (n x n, symmetric) as L L^T, adding jitter to the diagonal if needed.</summary>
    /// <param name="covariance">The matrix, row-major (equal to column-major, being symmetric); not modified.</param>
    /// <param name="n">Its size.</param>
    /// <param name="jitter">The jitter added to the diagonal (0 when none was needed).</param>
    /// <returns>The lower factor L, row-major.</returns>
    /// <exception cref="ArgumentException">The matrix holds a value that is not finite.</exception>
    /// <exception cref="GpNumericalException">Not positive definite even with the largest jitter.</exception>
    public static double[] Factor(double[] covariance, int n, out double jitter)
    {
        var meanDiagonal = 0.0;
        foreach (var value in covariance)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(
                    $"The GP covariance matrix holds {value}; every observation's point must be finite, and the kernel's hyperparameters positive and finite.",
                    nameof(covariance));
            }
        }

        for (var i = 0; i < n; i++)
        {
            meanDiagonal += covariance[(i * n) + i] / n;
        }

        foreach (var relative in RelativeJitters)
        {
            jitter = relative * meanDiagonal;
            var matrix = Matrix<double>.Build.Dense(n, n, (double[])covariance.Clone());
            for (var i = 0; i < n && jitter > 0; i++)
            {
                matrix[i, i] += jitter;
            }

            if (TryFactor(matrix, out var lower))
            {
                return lower;
            }
        }

        throw new GpNumericalException(
            $"The GP covariance matrix of {n} observations is not positive definite even with a jitter of {RelativeJitters[^1]:G} times its mean diagonal " +
            $"({meanDiagonal:G}). The kernel's length scales are far too long for the points, or points are duplicated with a zero noise variance; " +
            "raise the lower bound of the noise variance.");
    }

    private static bool TryFactor(Matrix<double> matrix, out double[] lower)
    {
        lower = [];
        Matrix<double> factor;
        try
        {
            factor = matrix.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            return false;
        }

        for (var i = 0; i < matrix.RowCount; i++)
        {
            var d = factor[i, i];
            if (!(d > 0) || !double.IsFinite(d))
            {
                return false;
            }
        }

        lower = factor.ToRowMajorArray();
        return true;
    }
}
