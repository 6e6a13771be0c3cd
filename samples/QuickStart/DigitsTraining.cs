using AttrHpo;

namespace QuickStart;

/// <summary>
/// The objective: train a one-hidden-layer network on the digits and score it on the validation split.
/// <c>partial</c> because the AttrHpo generator adds <c>TrainParameters</c> and <c>TrainStudy</c> to it.
/// </summary>
public static partial class DigitsTraining
{
    /// <summary>The full training budget, in epochs.</summary>
    public const int MaxEpochs = 30;

    // Loaded once, on first use, by whichever thread gets there first; trials only read it.
    private static readonly Lazy<DigitsData> LazyData = new(() => DigitsData.Load(DigitsData.DefaultPath));

    /// <summary>The digits, split into training, validation and test examples.</summary>
    public static DigitsData Data => LazyData.Value;

    /// <summary>Trains a network with the given hyperparameters and returns its validation cross-entropy.</summary>
    /// <param name="learningRate">The optimiser's step size.</param>
    /// <param name="hiddenUnits">Units in the hidden layer.</param>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="activation">The hidden layer's non-linearity.</param>
    /// <param name="l2">The weight decay coefficient.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="trial">The running trial: its seed, and where to report the loss after each epoch.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The mean cross-entropy on the validation examples after the last epoch.</returns>
    /// <exception cref="TrainingDivergedException">The loss or a weight stopped being finite: the study records the trial as failed.</exception>
    [Objective(Direction.Minimize)]
    public static double Train(
        [Hyperparameter(1e-4, 1.0, Log = true)] double learningRate,
        [Hyperparameter(16, 128, Step = 16)] int hiddenUnits,
        [Hyperparameter("sgd", "momentum", "adam")] string optimizer,
        [Hyperparameter] Activation activation,
        [Hyperparameter(1e-6, 1e-2, Log = true)] double l2,
        [Budget(1, MaxEpochs)] int epochs,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var data = Data;
        var settings = new TrainingSettings(learningRate, hiddenUnits, optimizer, activation, l2, epochs);
        var loss = double.NaN;
        Trainer.Fit(
            data.Train,
            settings,
            trial.Seed,
            (epoch, network) =>
            {
                loss = network.Loss(data.Validation);
                if (!double.IsFinite(loss))
                {
                    throw new TrainingDivergedException($"Training diverged in epoch {epoch}: the validation loss is {loss}.");
                }

                trial.ReportOrPrune(epoch, loss); // stops here when the study prunes (samples/EarlyStopping); never without a rule
            },
            cancellationToken);
        return loss;
    }
}
