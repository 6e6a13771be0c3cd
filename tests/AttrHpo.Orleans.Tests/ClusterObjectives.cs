namespace AttrHpo.Orleans.Tests;

/// <summary>Objectives the test silos register (the generator's shims, found by <c>ObjectiveRegistry.FromAssembly</c>).</summary>
public static partial class ClusterObjectives
{
    /// <summary>A short training run: reports two steps, then returns a loss with its minimum at x = 0.3.</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> Quadratic([Hyperparameter(0.0, 1.0)] double x, [Hyperparameter(1, 8)] int width, TrialContext trial, CancellationToken cancellationToken)
    {
        var loss = (x - 0.3) * (x - 0.3) + width * 1e-3;
        await Task.Delay(Pace(trial), cancellationToken);
        trial.Report(1, loss * 2);
        await Task.Delay(Pace(trial), cancellationToken);
        trial.Report(2, loss);
        return loss;
    }

    /// <summary>Half the trial's length, long enough that a silo stopped mid-study is always running some.</summary>
    private static TimeSpan Pace(TrialContext trial) => TimeSpan.FromMilliseconds(trial.StudyName.StartsWith("slow", StringComparison.Ordinal) ? 200 : 25);
}
