using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace AttrHpo.Benchmarks.Training;

/// <summary>The hyperparameters of one boosted-trees digits run, as the search space declares them.</summary>
internal sealed record BoostedSettings(double LearningRate, int Leaves, int MinExamplesPerLeaf, int Iterations, double L2, double FeatureFraction);

/// <summary>
/// The third real-training objective, held out from tuning like <see cref="DigitsTraining"/> (<c>ml-quality --task
/// digits-gbm</c>): ML.NET's LightGBM multiclass trainer (softmax objective) grows gradient-boosted trees on the same
/// 600 digits training rows (<see cref="DigitsData.Default"/>) and the objective is ML.NET's multiclass log loss
/// (mean cross-entropy) of its 1197 validation rows, capped at <see cref="SoftmaxMlpTrainer.CapFactor"/> times the
/// constant predictor's loss, as for the digits MLP; a non-finite loss scores the cap, never a failed trial. Unlike the
/// two MLPs, the trainer is not this project's code: it is the gradient-boosting library many real studies tune, behind
/// ML.NET. Deterministic: a fixed <see cref="TrainingSeed"/> on the <see cref="MLContext"/> and on LightGBM (its feature
/// sampling), one thread and LightGBM's <c>deterministic</c> with column-wise histograms, so the same parameters give the
/// same loss bit for bit on one machine, in any study and through <c>serve --task digits-gbm</c>. One run takes about a
/// tenth to a third of a second here, depending mostly on the number of iterations (ten trees each, one per class).
/// </summary>
public static partial class DigitsBoostedTraining
{
    /// <summary>The seed of ML.NET and of LightGBM's feature sampling, the same for every trial.</summary>
    public const int TrainingSeed = 13;

    /// <summary>Trains one boosted-trees classifier and returns its capped validation cross-entropy.</summary>
    /// <param name="learningRate">Shrinkage applied to each tree.</param>
    /// <param name="leaves">The most leaves a tree has.</param>
    /// <param name="minExamplesPerLeaf">The fewest training rows a leaf holds.</param>
    /// <param name="iterations">Boosting rounds (each grows one tree per class).</param>
    /// <param name="l2">L2 regularisation of the leaf values.</param>
    /// <param name="featureFraction">The fraction of the 64 pixels each tree is grown from.</param>
    [Objective]
    public static double Train(
        [Hyperparameter(1e-3, 0.5, Log = true)] double learningRate,
        [Hyperparameter(4, 64, Log = true)] int leaves,
        [Hyperparameter(1, 50)] int minExamplesPerLeaf,
        [Hyperparameter(10, 200)] int iterations,
        [Hyperparameter(1e-6, 10.0, Log = true)] double l2,
        [Hyperparameter(0.3, 1.0)] double featureFraction) =>
        Evaluate(new BoostedSettings(learningRate, leaves, minExamplesPerLeaf, iterations, l2, featureFraction)).Objective;

    /// <summary>The objective's cap (and a non-finite run's value): the digits MLP's, ten times the constant predictor's loss.</summary>
    internal static double Cap(DigitsData data) => SoftmaxMlpTrainer.CapFactor * SoftmaxMlpTrainer.ConstantPredictorLoss(data);

    internal static MlpOutcome Evaluate(BoostedSettings settings) => Evaluate(DigitsData.Default, settings);

    /// <summary>Trains on the training rows of <paramref name="data"/> and scores the validation rows.</summary>
    /// <exception cref="ArgumentException">A setting is outside what LightGBM accepts.</exception>
    internal static MlpOutcome Evaluate(DigitsData data, BoostedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Leaves < 2 || settings.MinExamplesPerLeaf < 1 || settings.Iterations < 1)
        {
            throw new ArgumentException(
                $"Leaves must be at least 2, the minimum examples per leaf and the iterations at least 1 (got {settings.Leaves}, {settings.MinExamplesPerLeaf}, {settings.Iterations}).", nameof(settings));
        }

        if (!(settings.LearningRate > 0) || !(settings.L2 >= 0) || !(settings.FeatureFraction is > 0 and <= 1))
        {
            throw new ArgumentException(
                $"The learning rate must be positive, L2 at least 0 and the feature fraction in (0, 1] (got {settings.LearningRate}, {settings.L2}, {settings.FeatureFraction}).", nameof(settings));
        }

        var ml = new MLContext(seed: TrainingSeed);
        var trainer = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LearningRate = settings.LearningRate,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
            NumberOfIterations = settings.Iterations,
            Booster = new GradientBooster.Options { L2Regularization = settings.L2, FeatureFraction = settings.FeatureFraction },
            UseSoftmax = true,
            Seed = TrainingSeed,
            NumberOfThreads = 1,
            Deterministic = true,
            ForceColumnWise = true,
        });
        var model = trainer.Fit(Rows(ml, data.TrainX, data.TrainY, data.FeatureCount));
        var predictions = model.Transform(Rows(ml, data.ValidationX, data.ValidationY, data.FeatureCount));
        var loss = ml.MulticlassClassification.Evaluate(predictions).LogLoss;
        return new MlpOutcome(loss, Diverged: !double.IsFinite(loss), Cap(data));
    }

    /// <summary>
    /// Reads the <c>serve --task digits-gbm</c> protocol's parameters: one JSON object with <c>learning_rate</c>,
    /// <c>leaves</c>, <c>min_examples_per_leaf</c>, <c>iterations</c>, <c>l2</c> and <c>feature_fraction</c> (Optuna's
    /// names in <c>peers/optuna_ml.py</c>).
    /// </summary>
    /// <exception cref="FormatException">A name is missing or has the wrong type.</exception>
    internal static BoostedSettings ParseSettings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new BoostedSettings(
                root.GetProperty("learning_rate").GetDouble(),
                root.GetProperty("leaves").GetInt32(),
                root.GetProperty("min_examples_per_leaf").GetInt32(),
                root.GetProperty("iterations").GetInt32(),
                root.GetProperty("l2").GetDouble(),
                root.GetProperty("feature_fraction").GetDouble());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException(
                $"Not a digits-gbm parameters object (learning_rate, leaves, min_examples_per_leaf, iterations, l2, feature_fraction): {exception.Message}", exception);
        }
    }

    /// <summary>The parameters as the <c>serve</c> protocol writes them (round-trip numbers, invariant culture).</summary>
    internal static string FormatSettings(BoostedSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"learning_rate\": {settings.LearningRate:R}, \"leaves\": {settings.Leaves}, \"min_examples_per_leaf\": {settings.MinExamplesPerLeaf}, \"iterations\": {settings.Iterations}, \"l2\": {settings.L2:R}, \"feature_fraction\": {settings.FeatureFraction:R}}}");

    internal static BoostedSettings Settings(TrainParameters parameters) =>
        new(parameters.LearningRate, parameters.Leaves, parameters.MinExamplesPerLeaf, parameters.Iterations, parameters.L2, parameters.FeatureFraction);

    /// <summary>The rows as an ML.NET data view: the pixels as a vector of singles, the class 0..9 as key 1..10.</summary>
    private static IDataView Rows(MLContext ml, double[] x, int[] y, int features)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), DigitsData.ClassCount);
        var rows = new Row[y.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var pixels = new float[features];
            for (var f = 0; f < features; f++)
            {
                pixels[f] = (float)x[(r * features) + f];
            }

            rows[r] = new Row { Features = pixels, Label = (uint)y[r] + 1 };
        }

        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }
}
