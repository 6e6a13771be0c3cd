namespace AttrHpo.Orleans.Tests;

/// <summary>
/// An instance objective: the client binds a study to an instance of its own, and the silos' workers run the trials on the
/// instance the <see cref="ObjectiveFactory"/> method makes, once per worker, as worker processes do.
/// </summary>
public sealed partial class ClusterTrainer(double factor)
{
    /// <summary>The workers' instance: what a silo would load from its configuration.</summary>
    [ObjectiveFactory]
    public static ClusterTrainer Load() => new(3.0);

    /// <summary><c>factor * x * x</c>, recording the factor of the instance that ran it.</summary>
    [Objective(Direction.Minimize)]
    public double Fit([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("factor", factor);
        return factor * x * x;
    }
}
