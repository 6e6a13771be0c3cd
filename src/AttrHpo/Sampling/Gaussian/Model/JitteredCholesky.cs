using System.Numerics;
using System.Runtime.CompilerServices;

namespace AttrHpo;

/// <summary>
/// Cholesky factorisation of a covariance matrix with jitter escalation: when the matrix is not numerically positive
/// definite, a growing multiple of its mean diagonal is added until it is, and past the largest jitter the factorisation
/// fails with a clear exception rather than returning NaN.
/// </summary>
/// <remarks>
/// The factorisation is done in place in a caller's buffer, with the operation order of MathNet's managed
/// <c>CholeskyFactor</c> (right-looking: at step k every entry below and right of the pivot loses <c>L(i,k) L(j,k)</c>), so
/// every entry sees the same IEEE operations in the same order and the factor is bit for bit the one
/// <c>Matrix.Cholesky()</c> gives; the updates of a row are independent, so they run as vector operations (a multiply and a
/// subtract per entry, never fused) without changing the rounding.
/// </remarks>
internal static class JitteredCholesky
{
    /// <summary>Relative jitters tried after the matrix as given: 1e-10 to 1e-4 of its mean diagonal.</summary>
    private static readonly double[] RelativeJitters = [0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4];

    /// <summary>Factors <paramref name="covariance"/> (n x n, symmetric) as L L^T, adding jitter to the diagonal if needed.</summary>
    /// <param name="covariance">The matrix, row-major (equal to column-major, being symmetric); not modified.</param>
    /// <param name="n">Its size.</param>
    /// <param name="jitter">The jitter added to the diagonal (0 when none was needed).</param>
    /// <returns>The lower factor L, row-major, zero above the diagonal.</returns>
    /// <exception cref="ArgumentException">The matrix holds a value that is not finite.</exception>
    /// <exception cref="GpNumericalException">Not positive definite even with the largest jitter.</exception>
    public static double[] Factor(double[] covariance, int n, out double jitter)
    {
        var lower = new double[n * n];
        Factor(covariance, n, lower, new double[n], out jitter);
        return lower;
    }

    /// <summary>
    /// Factors <paramref name="covariance"/> into <paramref name="lower"/> without allocating: the same result and exceptions as
    /// <see cref="Factor(double[], int, out double)"/>.
    /// </summary>
    /// <param name="covariance">The matrix, row-major, n x n, symmetric; not modified.</param>
    /// <param name="n">Its size.</param>
    /// <param name="lower">Receives L, row-major n x n, zero above the diagonal.</param>
    /// <param name="column">Scratch of n values.</param>
    /// <param name="jitter">The jitter added to the diagonal (0 when none was needed).</param>
    public static void Factor(ReadOnlySpan<double> covariance, int n, Span<double> lower, Span<double> column, out double jitter)
    {
        foreach (var value in covariance[..(n * n)])
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(
                    $"The GP covariance matrix holds {value}; every observation's point must be finite, and the kernel's hyperparameters positive and finite.",
                    nameof(covariance));
            }
        }

        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += covariance[(i * n) + i] / n;
        }

        foreach (var relative in RelativeJitters)
        {
            jitter = relative * meanDiagonal;
            for (var i = 0; i < n; i++)
            {
                covariance.Slice(i * n, i + 1).CopyTo(lower.Slice(i * n, i + 1));
                lower.Slice((i * n) + i + 1, n - i - 1).Clear();
                if (jitter > 0)
                {
                    lower[(i * n) + i] += jitter;
                }
            }

            if (TryFactorInPlace(lower, n, column))
            {
                return;
            }
        }

        throw new GpNumericalException(
            $"The GP covariance matrix of {n} observations is not positive definite even with a jitter of {RelativeJitters[^1]:G} times its mean diagonal " +
            $"({meanDiagonal:G}). The kernel's length scales are far too long for the points, or points are duplicated with a zero noise variance; " +
            "raise the lower bound of the noise variance.");
    }

    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (row-major n x n) with its Cholesky factor; false when a pivot is
    /// not positive (or not finite), leaving <paramref name="a"/> partly factored. The upper triangle is neither read nor written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryFactorInPlace(Span<double> a, int n, Span<double> column)
    {
        for (var k = 0; k < n; k++)
        {
            var pivot = a[(k * n) + k];
            if (!(pivot > 0.0))
            {
                return false;
            }

            pivot = Math.Sqrt(pivot);
            if (!double.IsFinite(pivot))
            {
                return false;
            }

            a[(k * n) + k] = pivot;
            column[k] = pivot;
            for (var i = k + 1; i < n; i++)
            {
                var value = a[(i * n) + k] / pivot;
                a[(i * n) + k] = value;
                column[i] = value;
            }

            // Row i of the trailing lower triangle, columns k+1..i, loses L(i,k) L(j,k).
            for (var i = k + 1; i < n; i++)
            {
                SubtractScaled(column[i], column.Slice(k + 1, i - k), a.Slice((i * n) + k + 1, i - k));
            }
        }

        return true;
    }

    /// <summary>y[j] -= x[j] * s, one rounded multiply and one rounded subtract per entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SubtractScaled(double s, ReadOnlySpan<double> x, Span<double> y)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var scale = new Vector<double>(s);
            for (; j <= x.Length - width; j += width)
            {
                (new Vector<double>(y[j..]) - (new Vector<double>(x[j..]) * scale)).CopyTo(y[j..]);
            }
        }

        for (; j < x.Length; j++)
        {
            y[j] -= x[j] * s;
        }
    }
}
