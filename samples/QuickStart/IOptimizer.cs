using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>Updates a network's parameters from their gradients, one mini-batch at a time.</summary>
public interface IOptimizer
{
    /// <summary>Moves each parameter matrix against its gradient, in place.</summary>
    /// <param name="parameters">The parameters, always the same matrices in the same order.</param>
    /// <param name="gradients">The gradient of each parameter.</param>
    void Update(IReadOnlyList<Matrix<double>> parameters, IReadOnlyList<Matrix<double>> gradients);
}
