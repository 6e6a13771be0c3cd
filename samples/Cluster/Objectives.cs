using System.Globalization;
using AttrHpo;

namespace Cluster;

/// <summary>The objectives every process of the sample registers: the one the study runs, and two the benchmarks time.</summary>
public static partial class Training
{
    /// <summary>
    /// How long one epoch of <see cref="Train"/> takes, in milliseconds: <c>ATTRHPO_SAMPLE_EPOCH_MS</c>, 25 by default (the
    /// killed-process test lengthens trials so that a worker is always killed mid-trial).
    /// </summary>
    public static int EpochMilliseconds =>
        int.Parse(Environment.GetEnvironmentVariable("ATTRHPO_SAMPLE_EPOCH_MS") ?? "25", CultureInfo.InvariantCulture);

    /// <summary>
    /// A stand-in for a training run: six epochs, each reported as it ends (stored at once through the coordinator), with a
    /// loss that falls with the epochs and is least at a learning rate of 0.01 and a momentum of 0.9. Stops early when the
    /// study's pruning rule says so.
    /// </summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> Train(
        [Hyperparameter(1e-4, 1.0, Log = true)] double learningRate,
        [Hyperparameter(0.0, 0.99)] double momentum,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId); // the silo's process, or its worker process with --executor process
        var distance = Math.Abs(Math.Log10(learningRate) + 2) + Math.Abs(momentum - 0.9);
        var loss = double.NaN;
        var epochMilliseconds = EpochMilliseconds;
        for (var epoch = 1; epoch <= 6; epoch++)
        {
            await Task.Delay(epochMilliseconds, cancellationToken);
            loss = distance + (1.0 / epoch);
            trial.ReportOrPrune(epoch, loss);
        }

        return loss;
    }
}

/// <summary>Objectives for the throughput benchmarks (tests/AttrHpo.Benchmarks runs this sample's processes).</summary>
public static partial class Bench
{
    /// <summary>Does nothing: what is left is the cluster's own cost per trial.</summary>
    [Objective]
    public static double Trivial([Hyperparameter(0.0, 1.0)] double a) => a;

    /// <summary>Waits <c>ATTRHPO_SAMPLE_SLEEP_MS</c> milliseconds (100 by default): a trial whose length is known exactly.</summary>
    [Objective]
    public static async Task<double> Sleep([Hyperparameter(0.0, 1.0)] double a, CancellationToken cancellationToken)
    {
        var milliseconds = int.Parse(Environment.GetEnvironmentVariable("ATTRHPO_SAMPLE_SLEEP_MS") ?? "100", CultureInfo.InvariantCulture);
        await Task.Delay(milliseconds, cancellationToken);
        return a;
    }
}
