using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>Gradient descent with heavy-ball momentum: v = mu v - lr g; p += v.</summary>
/// <param name="learningRate">The step size.</param>
/// <param name="momentum">How much of the previous step is kept.</param>
public sealed class MomentumOptimizer(double learningRate, double momentum) : IOptimizer
{
    private Matrix<double>[]? _velocity;

    /// <inheritdoc />
    public void Update(IReadOnlyList<Matrix<double>> parameters, IReadOnlyList<Matrix<double>> gradients)
    {
        _velocity ??= [.. parameters.Select(p => Matrix<double>.Build.Dense(p.RowCount, p.ColumnCount))];
        for (var i = 0; i < parameters.Count; i++)
        {
            _velocity[i].Multiply(momentum, _velocity[i]);
            _velocity[i].Subtract(gradients[i].Multiply(learningRate), _velocity[i]);
            parameters[i].Add(_velocity[i], parameters[i]);
        }
    }
}
