using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The held-out real-ML objective (<c>ml-quality --task digits</c>): train <see cref="SoftmaxMlpTrainer"/>'s network on
/// the digits training rows and return its capped validation cross-entropy (<see cref="MlpOutcome.Objective"/>). The
/// trial's seed is not used: the same parameters give the same loss in any study, and in the Optuna peer through
/// <c>serve --task digits</c>.
/// </summary>
public static partial class DigitsTraining
{
    /// <summary>Trains one network and returns its capped validation cross-entropy.</summary>
    /// <param name="learningRate">Step size of gradient descent.</param>
    /// <param name="hiddenUnits">Units in the hidden layer.</param>
    /// <param name="dropout">The probability of dropping each hidden unit in a training step.</param>
    /// <param name="momentum">The classical momentum coefficient.</param>
    /// <param name="epochs">Passes over the training rows.</param>
    /// <param name="activation">The hidden layer's non-linearity.</param>
    [Objective]
    public static double Train(
        [Hyperparameter(1e-3, 1.0, Log = true)] double learningRate,
        [Hyperparameter(8, 64)] int hiddenUnits,
        [Hyperparameter(0.0, 0.6)] double dropout,
        [Hyperparameter(0.0, 0.99)] double momentum,
        [Hyperparameter(5, 30)] int epochs,
        [Hyperparameter("relu", "tanh", "elu")] string activation) =>
        Evaluate(new DigitsSettings(learningRate, hiddenUnits, dropout, momentum, epochs, activation)).Objective;

    internal static MlpOutcome Evaluate(DigitsSettings settings) => SoftmaxMlpTrainer.Train(DigitsData.Default, settings);

    internal static DigitsSettings Settings(TrainParameters parameters) =>
        new(parameters.LearningRate, parameters.HiddenUnits, parameters.Dropout, parameters.Momentum, parameters.Epochs, parameters.Activation);

    /// <summary>
    /// Reads the <c>serve --task digits</c> protocol's parameters: one JSON object with <c>learning_rate</c>,
    /// <c>hidden_units</c>, <c>dropout</c>, <c>momentum</c>, <c>epochs</c> and <c>activation</c> (Optuna's names in
    /// <c>peers/optuna_ml.py</c>).
    /// </summary>
    /// <exception cref="FormatException">A name is missing or has the wrong type.</exception>
    internal static DigitsSettings ParseSettings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new DigitsSettings(
                root.GetProperty("learning_rate").GetDouble(),
                root.GetProperty("hidden_units").GetInt32(),
                root.GetProperty("dropout").GetDouble(),
                root.GetProperty("momentum").GetDouble(),
                root.GetProperty("epochs").GetInt32(),
                root.GetProperty("activation").GetString() ?? throw new FormatException("activation is null"));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a digits parameters object (learning_rate, hidden_units, dropout, momentum, epochs, activation): {exception.Message}", exception);
        }
    }

    /// <summary>The parameters as the <c>serve</c> protocol writes them (round-trip numbers, invariant culture).</summary>
    internal static string FormatSettings(DigitsSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"learning_rate\": {settings.LearningRate:R}, \"hidden_units\": {settings.HiddenUnits}, \"dropout\": {settings.Dropout:R}, \"momentum\": {settings.Momentum:R}, \"epochs\": {settings.Epochs}, \"activation\": \"{settings.Activation}\"}}");
}
