namespace AttrHpo.Tool.Tests;

/// <summary>
/// A made-up training run: a loss that falls with the epochs, lowest near learning rate 0.01, four layers and tanh; it fails
/// for seven or more layers with relu, so that studies of it hold complete, pruned and failed trials.
/// </summary>
public static partial class Curves
{
    [Objective(Direction.Minimize)]
    public static double Train(
        [Hyperparameter(1e-4, 1.0, Log = true)] double learningRate,
        [Hyperparameter(1, 8)] int layers,
        [Hyperparameter("relu", "tanh")] string activation,
        [Budget(1, 9)] int epochs,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        if (layers >= 7 && activation == "relu")
        {
            throw new InvalidOperationException("diverged: deep relu network");
        }

        trial.SetAttribute("layers-note", $"{layers} layers");
        var floor = Math.Pow(Math.Log10(learningRate) + 2, 2) + (0.1 * Math.Abs(layers - 4)) + (activation == "tanh" ? 0 : 0.3);
        var loss = floor;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            loss = floor + (2.0 / epoch);
            trial.ReportOrPrune(epoch, loss);
        }

        return loss;
    }
}
