using MathNet.Numerics.Providers.LinearAlgebra;

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

    /// <summary>K^-1 from its row-major Cholesky factor (MathNet's provider, which takes the factor column-major), row-major (it is symmetric).</summary>
    private static double[] Inverse(double[] lower, int n)
    {
        var columnMajor = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                columnMajor[(j * n) + i] = lower[(i * n) + j];
            }
        }

        var inverse = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = 1;
        }

        LinearAlgebraControl.Provider.CholeskySolveFactored(columnMajor, n, inverse, n);
        return inverse;
    }
}
