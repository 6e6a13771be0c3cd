namespace AttrHpo.Orleans.Tests;

/// <summary>
/// An instance objective without a factory: the silos' workers run it on the instance their services hold, as a program
/// that builds its trainer through dependency injection registers it (<c>siloBuilder.Services.AddSingleton(...)</c>).
/// </summary>
public sealed partial class ServedTrainer(double factor)
{
    /// <summary><c>factor * x * x</c>, recording the factor of the instance that ran it.</summary>
    [Objective(Direction.Minimize)]
    public double Fit([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("factor", factor);
        return factor * x * x;
    }
}
