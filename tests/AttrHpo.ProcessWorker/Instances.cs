namespace AttrHpo.ProcessWorker;

/// <summary>
/// An instance objective with a factory: the tests create studies from an instance; a worker process runs the trials on
/// the instance <see cref="Load"/> creates, once per worker.
/// </summary>
public sealed partial class Scaled(double factor)
{
    /// <summary>The factor the objective multiplies by.</summary>
    public double Factor => factor;

    /// <summary>The worker's instance: what a program would load from its configuration.</summary>
    [ObjectiveFactory]
    public static Scaled Load() => new(3.0);

    /// <summary><c>factor * x * x</c>; records the process that ran it ("pid") and the instance ("instance", its identity hash).</summary>
    [Objective(Direction.Minimize)]
    public double Fit([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        trial.SetAttribute("instance", System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this));
        return factor * x * x;
    }
}

/// <summary>An instance objective without a factory: it runs in process only; in a worker its trials fail naming the fix.</summary>
public sealed partial class Unmade
{
#pragma warning disable AHPO063 // on purpose: the test checks the run-time error of a worker without a factory
    /// <summary>Returns <paramref name="x"/>.</summary>
    [Objective(Direction.Minimize)]
    public double Fit([Hyperparameter(-1.0, 1.0)] double x) => x;
#pragma warning restore AHPO063
}

/// <summary>What the worker's services configure <see cref="Injected"/> with.</summary>
/// <param name="Factor">The factor the objective multiplies by.</param>
public sealed record InjectedSettings(double Factor);

/// <summary>
/// An instance objective without a factory whose instance a worker resolves from its services (Program.cs registers it as a
/// singleton, built by the container from <see cref="InjectedSettings"/>).
/// </summary>
public sealed partial class Injected(InjectedSettings settings)
{
    /// <summary><c>factor * x * x</c>; records the process that ran it ("pid") and the instance ("instance", its identity hash).</summary>
    [Objective(Direction.Minimize)]
    public double Fit([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        trial.SetAttribute("instance", System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this));
        return settings.Factor * x * x;
    }
}
