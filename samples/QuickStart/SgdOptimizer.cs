using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>Plain stochastic gradient descent: p -= lr g.</summary>
/// <param name="learningRate">The step size.</param>
public sealed class SgdOptimizer(double learningRate) : IOptimizer
{
    /// <inheritdoc />
    public void Update(IReadOnlyList<Matrix<double>> parameters, IReadOnlyList<Matrix<double>> gradients)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].Subtract(gradients[i].Multiply(learningRate), parameters[i]);
        }
    }
}
