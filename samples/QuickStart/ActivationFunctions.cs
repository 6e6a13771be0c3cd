using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>Applies an <see cref="Activation"/> and its derivative to matrices, in place.</summary>
public static class ActivationFunctions
{
    /// <summary>Replaces every pre-activation in <paramref name="z"/> by its activation.</summary>
    /// <param name="activation">The non-linearity.</param>
    /// <param name="z">Pre-activations; overwritten.</param>
    public static void Apply(Activation activation, Matrix<double> z)
    {
        ArgumentNullException.ThrowIfNull(z);
        switch (activation)
        {
            case Activation.Relu:
                z.MapInplace(x => x > 0 ? x : 0);
                break;
            case Activation.Tanh:
                z.MapInplace(Math.Tanh);
                break;
            case Activation.Sigmoid:
                z.MapInplace(x => 1 / (1 + Math.Exp(-x)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>Multiplies a gradient with respect to the activations by the activation's derivative, giving the gradient with respect to the pre-activations.</summary>
    /// <param name="activation">The non-linearity.</param>
    /// <param name="activations">The layer's outputs (the derivative of each supported function is a function of its output).</param>
    /// <param name="gradient">The gradient with respect to <paramref name="activations"/>; overwritten.</param>
    public static void Backpropagate(Activation activation, Matrix<double> activations, Matrix<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(gradient);
        Func<double, double> derivative = activation switch
        {
            Activation.Relu => a => a > 0 ? 1 : 0,
            Activation.Tanh => a => 1 - (a * a),
            Activation.Sigmoid => a => a * (1 - a),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
        };
        gradient.PointwiseMultiply(activations.Map(derivative), gradient);
    }
}
