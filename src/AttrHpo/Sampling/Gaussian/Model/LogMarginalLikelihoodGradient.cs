using System.Numerics;
using System.Runtime.CompilerServices;

namespace AttrHpo;

/// <summary>
/// The gradient of a GP's log marginal likelihood with respect to the log hyperparameters (log l_1..l_d, log s, log noise):
/// <c>dL/dtheta = tr((alpha alpha^T - K^-1) dK/dtheta) / 2</c> (Rasmussen and Williams 2006, eq. 5.9). O(n^3 + n^2 d).
/// </summary>
internal static class LogMarginalLikelihoodGradient
{
    /// <summary>Writes the gradient of <paramref name="process"/>'s log marginal likelihood into <paramref name="gradient"/>.</summary>
    public static void Compute(GaussianProcess process, Span<double> gradient)
    {
        var n = process.Count;
        var d = process.Dimensions;
        var hyper = process.Hyperparameters;
        var scales = hyper.LengthScales;
        var signal = hyper.SignalVariance;
        var inverse = Inverse(process.Lower, n);
        var alpha = process.Alpha;
        gradient.Clear();
        var scaled = new double[d];
        var traceW = 0.0;
        var signalSum = 0.0;
        for (var a = 0; a < n; a++)
        {
            var wDiagonal = (alpha[a] * alpha[a]) - inverse[(a * n) + a];
            // inverse holds the lower triangle: entry (a, b) with b < a.
            traceW += wDiagonal;
            signalSum += wDiagonal * signal;
            var pa = process.Inputs.AsSpan(a * d, d);
            for (var b = 0; b < a; b++)
            {
                var w = 2 * ((alpha[a] * alpha[b]) - inverse[(a * n) + b]);
                var pb = process.Inputs.AsSpan(b * d, d);
                var sum = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var t = (pa[j] - pb[j]) / scales[j];
                    scaled[j] = t * t;
                    sum += scaled[j];
                }

                var r = Math.Sqrt(sum);
                signalSum += w * signal * Matern52Kernel.Correlation(r);
                var slope = w * signal * Matern52Kernel.SlopeFactor(r);
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += slope * scaled[j];
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            gradient[j] *= 0.5;
        }

        gradient[d] = 0.5 * signalSum;
        gradient[d + 1] = 0.5 * hyper.NoiseVariance * traceW;
    }

    /// <summary>
    /// The gradient as <see cref="Compute(GaussianProcess, Span{double})"/> writes it, bit for bit, without allocating: from
    /// the lower triangle of K^-1 (<see cref="Inverse(ReadOnlySpan{double}, int, Span{double}, Span{double})"/>) and the
    /// kernel terms of every pair already computed with the covariance, which saves a square root and two exponentials per
    /// pair. <c>correlations</c> and <c>slopes</c> hold <see cref="Matern52Kernel.Correlation"/> and
    /// <see cref="Matern52Kernel.SlopeFactor"/> of the pairs (a, b &lt; a) in row order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFromKernelTerms(
        ReadOnlySpan<double> inputs,
        int n,
        int d,
        ReadOnlySpan<double> scales,
        double signal,
        double noise,
        ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> inverse,
        ReadOnlySpan<double> correlations,
        ReadOnlySpan<double> slopes,
        Span<double> gradient)
    {
        gradient.Clear();
        var traceW = 0.0;
        var signalSum = 0.0;
        var pair = 0;
        for (var a = 0; a < n; a++)
        {
            var wDiagonal = (alpha[a] * alpha[a]) - inverse[(a * n) + a];
            traceW += wDiagonal;
            signalSum += wDiagonal * signal;
            var pa = inputs.Slice(a * d, d);
            var inverseRow = inverse.Slice(a * n, a);
            for (var b = 0; b < a; b++, pair++)
            {
                var w = 2 * ((alpha[a] * alpha[b]) - inverseRow[b]);
                var pb = inputs.Slice(b * d, d);
                signalSum += w * signal * correlations[pair];
                var slope = w * signal * slopes[pair];
                for (var j = 0; j < d; j++)
                {
                    var t = (pa[j] - pb[j]) / scales[j];
                    gradient[j] += slope * (t * t);
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            gradient[j] *= 0.5;
        }

        gradient[d] = 0.5 * signalSum;
        gradient[d + 1] = 0.5 * noise * traceW;
    }

    /// <summary>
    /// K^-1 from its row-major Cholesky factor, row-major, lower triangle only (the gradient reads no other): X = L^-1 by
    /// forward substitution on rows, then K^-1 = X^T X as a sum of rank-one row updates; about n^3 / 3 multiply-adds, all on
    /// contiguous rows.
    /// </summary>
    internal static double[] Inverse(double[] lower, int n)
    {
        var x = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * n, i + 1);
            row[i] = 1;
            for (var k = 0; k < i; k++)
            {
                var factor = lower[(i * n) + k];
                if (factor != 0)
                {
                    Axpy(-factor, x.AsSpan(k * n, k + 1), row);
                }
            }

            var diagonal = lower[(i * n) + i];
            for (var j = 0; j <= i; j++)
            {
                row[j] /= diagonal;
            }
        }

        var inverse = new double[n * n];
        for (var c = 0; c < n; c++)
        {
            var row = x.AsSpan(c * n, c + 1);
            for (var a = 0; a <= c; a++)
            {
                Axpy(row[a], row[..(a + 1)], inverse.AsSpan(a * n, a + 1));
            }
        }

        return inverse;
    }

    /// <summary>
    /// The lower triangle of K^-1 as <see cref="Inverse(double[], int)"/> computes it, bit for bit, into
    /// <paramref name="inverse"/> without allocating; <paramref name="factorInverse"/> (n x n) receives L^-1 (zero above the
    /// diagonal). Each entry is accumulated in a register over the same terms in the same order (entries of X above the
    /// diagonal, zero, add nothing), a block of entries at a time, instead of being loaded and stored once per term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Inverse(ReadOnlySpan<double> lower, int n, Span<double> factorInverse, Span<double> inverse)
    {
        var x = factorInverse;
        var width = Vector.IsHardwareAccelerated ? Vector<double>.Count : 0;
        for (var i = 0; i < n; i++)
        {
            // Row i of X = L^-1: X[i][j] = (sum over k = j..i-1 of -L[i][k] X[k][j]) / L[i][i], the terms in the order of k.
            x.Slice((i * n) + i + 1, n - i - 1).Clear();
            var factors = lower.Slice(i * n, i);
            var diagonal = lower[(i * n) + i];
            var j = 0;
            if (width > 0)
            {
                var scale = new Vector<double>(diagonal);
                for (; j + (2 * width) <= i; j += 2 * width)
                {
                    var first = Vector<double>.Zero;
                    var second = Vector<double>.Zero;
                    for (var k = j; k < i; k++)
                    {
                        var factor = factors[k];
                        if (factor != 0)
                        {
                            var f = new Vector<double>(-factor);
                            var row = x.Slice((k * n) + j, 2 * width);
                            first += f * new Vector<double>(row);
                            second += f * new Vector<double>(row[width..]);
                        }
                    }

                    (first / scale).CopyTo(x.Slice((i * n) + j, width));
                    (second / scale).CopyTo(x.Slice((i * n) + j + width, width));
                }
            }

            for (; j < i; j++)
            {
                var sum = 0.0;
                for (var k = j; k < i; k++)
                {
                    var factor = factors[k];
                    if (factor != 0)
                    {
                        sum += -factor * x[(k * n) + j];
                    }
                }

                x[(i * n) + j] = sum / diagonal;
            }

            x[(i * n) + i] = 1 / diagonal;
        }

        for (var a = 0; a < n; a++)
        {
            // Row a of K^-1 = X^T X: entry (a, b) = sum over c = a..n-1 of X[c][a] X[c][b], the terms in the order of c.
            var b = 0;
            if (width > 0)
            {
                for (; b + (2 * width) <= a + 1; b += 2 * width)
                {
                    var first = Vector<double>.Zero;
                    var second = Vector<double>.Zero;
                    for (var c = a; c < n; c++)
                    {
                        var f = new Vector<double>(x[(c * n) + a]);
                        var row = x.Slice((c * n) + b, 2 * width);
                        first += f * new Vector<double>(row);
                        second += f * new Vector<double>(row[width..]);
                    }

                    first.CopyTo(inverse.Slice((a * n) + b, width));
                    second.CopyTo(inverse.Slice((a * n) + b + width, width));
                }
            }

            for (; b <= a; b++)
            {
                var sum = 0.0;
                for (var c = a; c < n; c++)
                {
                    sum += x[(c * n) + a] * x[(c * n) + b];
                }

                inverse[(a * n) + b] = sum;
            }
        }
    }

    /// <summary>y += a x.</summary>
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var scale = new Vector<double>(a);
            for (; i <= x.Length - width; i += width)
            {
                (new Vector<double>(y[i..]) + (scale * new Vector<double>(x[i..]))).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
