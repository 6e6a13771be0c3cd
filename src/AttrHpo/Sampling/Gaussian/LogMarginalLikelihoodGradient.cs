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
