using System.Numerics;

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
        var inverse = new double[n * n];
        Inverse(lower, n, new double[n * n], inverse);
        return inverse;
    }

    /// <summary>
    /// Writes the lower triangle of K^-1 into <paramref name="inverse"/> without allocating; <paramref name="factorInverse"/>
    /// (n x n) receives L^-1. Entries above the diagonal of both are left as they were.
    /// </summary>
    internal static void Inverse(ReadOnlySpan<double> lower, int n, Span<double> factorInverse, Span<double> inverse)
    {
        var x = factorInverse;
        for (var i = 0; i < n; i++)
        {
            var row = x.Slice(i * n, i + 1);
            row.Clear();
            row[i] = 1;
            for (var k = 0; k < i; k++)
            {
                var factor = lower[(i * n) + k];
                if (factor != 0)
                {
                    Axpy(-factor, x.Slice(k * n, k + 1), row);
                }
            }

            var diagonal = lower[(i * n) + i];
            for (var j = 0; j <= i; j++)
            {
                row[j] /= diagonal;
            }
        }

        for (var a = 0; a < n; a++)
        {
            inverse.Slice(a * n, a + 1).Clear();
        }

        for (var c = 0; c < n; c++)
        {
            var row = x.Slice(c * n, c + 1);
            for (var a = 0; a <= c; a++)
            {
                Axpy(row[a], row[..(a + 1)], inverse.Slice(a * n, a + 1));
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
