using AttrHpo;
using ILGPU.Runtime;
using QuickStart;

namespace GpuTraining;

/// <summary>
/// The objective: the QuickStart classifier (ReLU hidden layer, full-batch gradient descent) trained by ILGPU kernels on the
/// accelerator the trial leased, scored by its validation cross-entropy. <c>partial</c> for the generated study.
/// </summary>
public static partial class GpuDigitsTraining
{
    private static readonly Lazy<DigitsData> LazyData = new(() => DigitsData.Load(DigitsData.DefaultPath));

    /// <summary>Gradient-descent steps per trial.</summary>
    public static int Steps { get; set; } = 200;

    /// <summary>Trains on the leased accelerator and returns the validation loss.</summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="hiddenUnits">Units in the hidden layer.</param>
    /// <param name="l2">The weight decay coefficient.</param>
    /// <param name="accelerator">The device the trial leased from the GpuExecutor, injected by the generated code.</param>
    /// <param name="trial">The running trial: its seed, and where the loss is reported every 50 steps.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    [Objective(Direction.Minimize)]
    public static double Train(
        [Hyperparameter(1e-2, 2.0, Log = true)] double learningRate,
        [Hyperparameter(16, 128, Step = 16)] int hiddenUnits,
        [Hyperparameter(1e-6, 1e-2, Log = true)] double l2,
        Accelerator accelerator,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(trial);
        var data = LazyData.Value;
        using var network = new DeviceNetwork(accelerator, data.Train.FeatureCount, hiddenUnits, data.Train.ClassCount, trial.Seed);
        using var train = network.Upload(data.Train);
        using var validation = network.Upload(data.Validation);
        var loss = double.NaN;
        for (var step = 1; step <= Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            network.Train(train, (float)learningRate, (float)l2);
            if (step % 50 == 0 || step == Steps)
            {
                loss = network.Loss(validation);
                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException($"Training diverged at step {step}: the validation loss is {loss}.");
                }

                trial.Report(step, loss);
            }
        }

        return loss;
    }
}
