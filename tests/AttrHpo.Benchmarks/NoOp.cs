using AttrHpo;

namespace AttrHpo.Benchmarks;

/// <summary>An objective that does nothing, so that a study's time is the study loop's own cost.</summary>
public static partial class NoOp
{
    /// <summary>Four real hyperparameters, and no work.</summary>
    [Objective]
    public static double Evaluate(
        [Hyperparameter(0.0, 1.0)] double a,
        [Hyperparameter(-5.0, 5.0)] double b,
        [Hyperparameter(1e-5, 1.0, Log = true)] double c,
        [Hyperparameter(0.0, 10.0)] double d) => a + b + c + d;

    /// <summary>Two real hyperparameters, and three reports a trial, each after a pause of a millisecond (an epoch of nothing), so that each is its own write.</summary>
    [Objective]
    public static async Task<double> ReportEpochsAsync(
        [Hyperparameter(0.0, 1.0)] double a,
        [Hyperparameter(-5.0, 5.0)] double b,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            trial.Report(epoch, a + (b / epoch));
        }

        return a + b;
    }
}
