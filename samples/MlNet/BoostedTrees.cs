using AttrHpo;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace MlNet;

/// <summary>
/// The objective: ML.NET's LightGBM classifier with tuned settings, scored on the validation split.
/// <c>partial</c> because the AttrHpo generator adds <c>TrainParameters</c> and <c>TrainStudy</c> to it.
/// </summary>
public static partial class BoostedTrees
{
    /// <summary>The fewest trees a trial grows: ASHA's bottom rung.</summary>
    public const int MinTrees = 10;

    /// <summary>The most trees a trial grows: ASHA's top rung is <c>MinTrees * 3^3</c>.</summary>
    public const int MaxTrees = 270;

    // Loaded once, on first use, by whichever thread gets there first; trials only read it.
    private static readonly Lazy<BreastCancerData> LazyData = new(() => BreastCancerData.Load(BreastCancerData.DefaultPath));

    /// <summary>The tumours, split into training, validation and test examples.</summary>
    public static BreastCancerData Data => LazyData.Value;

    /// <summary>Trains a LightGBM classifier with the given settings and returns its log-loss on the validation split.</summary>
    /// <param name="learningRate">Shrinkage applied to each tree.</param>
    /// <param name="leaves">The most leaves a tree has.</param>
    /// <param name="minExamplesPerLeaf">The fewest training examples a leaf holds.</param>
    /// <param name="l2">L2 regularisation of the leaf values.</param>
    /// <param name="featureFraction">The fraction of the 30 measurements each tree is grown from.</param>
    /// <param name="trees">Boosting rounds: the budget ASHA promotes along.</param>
    /// <param name="trial">The running trial: its seed.</param>
    /// <returns>ML.NET's log-loss of the validation examples.</returns>
    [Objective(Direction.Minimize)]
    public static double Train(
        [Hyperparameter(0.01, 0.5, Log = true)] double learningRate,
        [Hyperparameter(2, 64, Log = true)] int leaves,
        [Hyperparameter(1, 40, Log = true)] int minExamplesPerLeaf,
        [Hyperparameter(1e-3, 10.0, Log = true)] double l2,
        [Hyperparameter(0.3, 1.0)] double featureFraction,
        [Budget(MinTrees, MaxTrees)] int trees,
        TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var ml = new MLContext(seed: trial.Seed);
        var settings = new TreeSettings(learningRate, leaves, minExamplesPerLeaf, l2, featureFraction);
        var model = Fit(ml, settings, trees, trial.Seed, Data.Train);
        return Evaluate(ml, model, Data.Validation).LogLoss;
    }

    /// <summary>Fits LightGBM with the given settings: what a trial trains, and what the best trial is refitted with.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="settings">The tuned settings.</param>
    /// <param name="trees">Boosting rounds.</param>
    /// <param name="seed">LightGBM's seed (feature sampling).</param>
    /// <param name="examples">The training examples.</param>
    /// <returns>The fitted model.</returns>
    public static ITransformer Fit(MLContext ml, TreeSettings settings, int trees, int seed, IEnumerable<Tumour> examples)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(settings);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = trees,
            LearningRate = settings.LearningRate,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
            Booster = new GradientBooster.Options { L2Regularization = settings.L2, FeatureFraction = settings.FeatureFraction },
            Seed = seed,
            NumberOfThreads = 1, // one core per trial: the study runs trials side by side, and one thread is deterministic
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(examples));
    }

    /// <summary>ML.NET's default LightGBM classifier, untouched: what the tuned settings are compared with.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="examples">The training examples.</param>
    /// <returns>The fitted model.</returns>
    public static ITransformer FitDefault(MLContext ml, IEnumerable<Tumour> examples)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.BinaryClassification.Trainers.LightGbm().Fit(ml.Data.LoadFromEnumerable(examples));
    }

    /// <summary>Scores a model on examples with ML.NET's binary-classification evaluator.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="model">A fitted model.</param>
    /// <param name="examples">The examples to score.</param>
    /// <returns>Log-loss, AUC, accuracy and the rest.</returns>
    public static CalibratedBinaryClassificationMetrics Evaluate(MLContext ml, ITransformer model, IEnumerable<Tumour> examples)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        return ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(examples)));
    }
}

/// <summary>The settings the study tunes, apart from the number of trees.</summary>
/// <param name="LearningRate">Shrinkage applied to each tree.</param>
/// <param name="Leaves">The most leaves a tree has.</param>
/// <param name="MinExamplesPerLeaf">The fewest training examples a leaf holds.</param>
/// <param name="L2">L2 regularisation of the leaf values.</param>
/// <param name="FeatureFraction">The fraction of the measurements each tree is grown from.</param>
public sealed record TreeSettings(double LearningRate, int Leaves, int MinExamplesPerLeaf, double L2, double FeatureFraction);
