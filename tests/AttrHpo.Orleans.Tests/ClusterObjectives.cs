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

    /// <summary>
    /// Trains for its budget of epochs, reporting each and stopping when pruned: the loss falls with the epochs and is least
    /// at x = 0.3, so a poor x is worse than the median at every epoch.
    /// </summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> Epochs([Hyperparameter(0.0, 1.0)] double x, [Budget(1, 9)] int epochs, TrialContext trial, CancellationToken cancellationToken)
    {
        var loss = double.NaN;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            await Task.Delay(5, cancellationToken);
            loss = ((x - 0.3) * (x - 0.3)) + (1.0 / epoch);
            trial.ReportOrPrune(epoch, loss);
        }

        return loss;
    }

    /// <summary>Half the trial's length, long enough that a silo stopped mid-study is always running some.</summary>
    private static TimeSpan Pace(TrialContext trial) => TimeSpan.FromMilliseconds(trial.StudyName.StartsWith("slow", StringComparison.Ordinal) ? 200 : 25);
}

/// <summary>An objective that needs a device: it takes a <see cref="GpuDevice"/>, so only silos whose executor leases devices run it.</summary>
public static partial class DeviceObjectives
{
    /// <summary>Holds its leased device for a moment and records which it was, and from when to when (UTC ticks).</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> OnDevice([Hyperparameter(0.0, 1.0)] double x, GpuDevice device, TrialContext trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("index", device.Index);
        trial.SetAttribute("standIn", device.IsStandIn ? "yes" : "no");
        trial.SetAttribute("from", DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Task.Delay(30, cancellationToken);
        trial.SetAttribute("to", DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return x;
    }
}

/// <summary>A training run that checkpoints: a promoted trial continues from the epochs its source trained.</summary>
public static partial class ResumableObjectives
{
    /// <summary>
    /// Trains from the promoted trial's checkpoint (the epochs done so far) to its budget, saves its own, and records where
    /// it started ("resumedFrom", 0 for a fresh start) and how many epochs it trained itself.
    /// </summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> Resume([Hyperparameter(0.0, 1.0)] double x, [Budget(1, 9)] int epochs, TrialContext trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var checkpoint = await trial.LoadCheckpointAsync(cancellationToken);
        var done = checkpoint is null ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(checkpoint.State.Span);
        trial.SetAttribute("resumedFrom", done);
        var loss = double.NaN;
        for (var epoch = done + 1; epoch <= epochs; epoch++)
        {
            await Task.Delay(5, cancellationToken);
            loss = ((x - 0.3) * (x - 0.3)) + (1.0 / epoch);
            trial.Report(epoch, loss);
        }

        trial.SetAttribute("trained", epochs - done);
        var state = new byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(state, epochs);
        await trial.SaveCheckpointAsync(state, cancellationToken);
        return loss;
    }
}
