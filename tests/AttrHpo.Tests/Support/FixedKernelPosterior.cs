using MathNet.Numerics.LinearAlgebra;

namespace AttrHpo.Tests.Support;

/// <summary>
/// Builds a <see cref="GpPosterior"/> for a fixed Matern 5/2 kernel the textbook way, with MathNet's dense Cholesky:
/// K = s2 matern52(X, X) + noise I = L L^T, alpha = K^-1 (y - priorMean).
/// </summary>
public static class FixedKernelPosterior
{
    internal static GpPosterior Create(double[][] x, double[] y, double signalVariance, double[] lengthScales, double noiseVariance, double priorMean = 0)
    {
        var n = x.Length;
        var d = lengthScales.Length;
        var k = Matrix<double>.Build.Dense(n, n, (i, j) => Kernel(x[i], x[j], signalVariance, lengthScales) + (i == j ? noiseVariance : 0));
        var cholesky = k.Cholesky();
        var alpha = cholesky.Solve(Vector<double>.Build.Dense([.. y.Select(v => v - priorMean)]));
        var lower = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                lower[(i * n) + j] = cholesky.Factor[i, j];
            }
        }

        return new GpPosterior(n, d, [.. x.SelectMany(p => p)], [.. lengthScales], signalVariance, alpha.ToArray(), lower, priorMean);
    }

    /// <summary>The fixture's kernel written out independently of the library's <c>Matern52Kernel</c>.</summary>
    public static double Kernel(double[] a, double[] b, double signalVariance, double[] lengthScales)
    {
        var r = Math.Sqrt(a.Select((value, j) => Math.Pow((value - b[j]) / lengthScales[j], 2)).Sum());
        return signalVariance * (1 + (Math.Sqrt(5) * r) + (5 * r * r / 3)) * Math.Exp(-Math.Sqrt(5) * r);
    }
}
