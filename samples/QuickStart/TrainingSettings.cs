namespace QuickStart;

/// <summary>Everything that decides how a network is trained, apart from the data and the seed.</summary>
/// <param name="LearningRate">The optimiser's step size.</param>
/// <param name="HiddenUnits">Units in the hidden layer.</param>
/// <param name="Optimizer">One of <see cref="Optimizers.Names"/>.</param>
/// <param name="Activation">The hidden layer's non-linearity.</param>
/// <param name="L2">The weight decay coefficient.</param>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">Examples per mini-batch.</param>
public sealed record TrainingSettings(
    double LearningRate,
    int HiddenUnits,
    string Optimizer,
    Activation Activation,
    double L2,
    int Epochs,
    int BatchSize = 32);
