using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The real-ML quality benchmark's objective: train <see cref="MlpTrainer"/>'s network on the breast-cancer training rows
/// and return its capped validation log loss (<see cref="MlpOutcome.Objective"/>). The trial's seed is not used: the
/// same parameters give the same loss in any study, and in the Optuna peer through <c>serve</c>.
/// </summary>
public static partial class BreastCancerTraining
{
    /// <summary>Trains one network and returns its capped validation log loss.</summary>
    /// <param name="learningRate">Step size of gradient descent.</param>
    /// <param name="hiddenUnits">Units in the hidden layer.</param>
    /// <param name="l2">Weight decay coefficient.</param>
    /// <param name="activation">The hidden layer's non-linearity.</param>
    /// <param name="batchSize">Rows per gradient step.</param>
    [Objective]
    public static double Train(
        [Hyperparameter(1e-4, 1.0, Log = true)] double learningRate,
        [Hyperparameter(4, 128)] int hiddenUnits,
        [Hyperparameter(1e-6, 1e-1, Log = true)] double l2,
        [Hyperparameter("relu", "tanh", "sigmoid")] string activation,
        [Hyperparameter(8, 16, 32, 64, 128)] int batchSize) =>
        Evaluate(new MlpSettings(learningRate, hiddenUnits, l2, activation, batchSize)).Objective;

    internal static MlpOutcome Evaluate(MlpSettings settings) => MlpTrainer.Train(BreastCancerData.Default, settings);

    internal static MlpSettings Settings(TrainParameters parameters) =>
        new(parameters.LearningRate, parameters.HiddenUnits, parameters.L2, parameters.Activation, parameters.BatchSize);

    /// <summary>
    /// Reads the <c>serve</c> protocol's parameters: one JSON object with <c>learning_rate</c>, <c>hidden_units</c>,
    /// <c>l2</c>, <c>activation</c> and <c>batch_size</c> (Optuna's names in <c>peers/optuna_ml.py</c>).
    /// </summary>
    /// <exception cref="FormatException">A name is missing or has the wrong type.</exception>
    internal static MlpSettings ParseSettings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new MlpSettings(
                root.GetProperty("learning_rate").GetDouble(),
                root.GetProperty("hidden_units").GetInt32(),
                root.GetProperty("l2").GetDouble(),
                root.GetProperty("activation").GetString() ?? throw new FormatException("activation is null"),
                root.GetProperty("batch_size").GetInt32());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a parameters object: {exception.Message}", exception);
        }
    }

    /// <summary>The parameters as the <c>serve</c> protocol writes them (round-trip numbers, invariant culture).</summary>
    internal static string FormatSettings(MlpSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"learning_rate\": {settings.LearningRate:R}, \"hidden_units\": {settings.HiddenUnits}, \"l2\": {settings.L2:R}, \"activation\": \"{settings.Activation}\", \"batch_size\": {settings.BatchSize}}}");
}
