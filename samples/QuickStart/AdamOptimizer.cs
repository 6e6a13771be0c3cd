using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>Adam (Kingma and Ba 2015) with bias-corrected first and second moments.</summary>
/// <param name="learningRate">The step size.</param>
/// <param name="beta1">Decay of the first moment.</param>
/// <param name="beta2">Decay of the second moment.</param>
/// <param name="epsilon">Keeps the denominator away from zero.</param>
public sealed class AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon) : IOptimizer
{
    private Matrix<double>[]? _first;
    private Matrix<double>[]? _second;
    private int _steps;

    /// <inheritdoc />
    public void Update(IReadOnlyList<Matrix<double>> parameters, IReadOnlyList<Matrix<double>> gradients)
    {
        _first ??= [.. parameters.Select(p => Matrix<double>.Build.Dense(p.RowCount, p.ColumnCount))];
        _second ??= [.. parameters.Select(p => Matrix<double>.Build.Dense(p.RowCount, p.ColumnCount))];
        _steps++;
        var firstCorrection = 1 - Math.Pow(beta1, _steps);
        var secondCorrection = 1 - Math.Pow(beta2, _steps);
        for (var i = 0; i < parameters.Count; i++)
        {
            var g = gradients[i];
            _first[i].Multiply(beta1, _first[i]);
            _first[i].Add(g.Multiply(1 - beta1), _first[i]);
            _second[i].Multiply(beta2, _second[i]);
            _second[i].Add(g.PointwiseMultiply(g).Multiply(1 - beta2), _second[i]);
            var step = _first[i].Map2(
                (m, v) => learningRate * (m / firstCorrection) / (Math.Sqrt(v / secondCorrection) + epsilon),
                _second[i]);
            parameters[i].Subtract(step, parameters[i]);
        }
    }
}
