namespace QuickStart;

/// <summary>The hidden layer's non-linearity. A hyperparameter: the study tries every member.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,

    /// <summary>The logistic function 1 / (1 + e^-x).</summary>
    Sigmoid,
}
