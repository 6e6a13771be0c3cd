namespace AttrHpo;

/// <summary>What a silo brings to AttrHpo studies (<see cref="AttrHpoSiloBuilderExtensions.AddAttrHpo"/>).</summary>
public sealed class AttrHpoSiloOptions
{
    /// <summary>
    /// The name of the grain storage the coordinators and the study directory keep their state in: register one under it
    /// (ADO.NET on PostgreSQL in production, <c>siloBuilder.AddAdoNetGrainStorage("attrhpo", ...)</c>).
    /// </summary>
    public const string GrainStorageName = "attrhpo";

    /// <summary>
    /// The objectives this silo can coordinate and run, usually <c>ObjectiveRegistry.FromAssembly(typeof(Program).Assembly)</c>.
    /// Only these can be invoked: a study of any other id is refused, and nothing is loaded by a name from a message.
    /// Every silo of a cluster should register the same objectives, since a coordinator may activate on any of them.
    /// </summary>
    public ObjectiveRegistry? Objectives { get; set; }

    /// <summary>How many trials this silo runs at once; 0 makes it a coordinator-only silo that runs none.</summary>
    public int WorkerSlots { get; set; } = 1;

    /// <summary>
    /// Where this silo's trials run; in the silo's process, on its thread pool, when <see langword="null"/>. A <c>GpuExecutor</c>
    /// (package AttrHpo.Gpu) leases each trial a device; a <see cref="ProcessExecutor"/> runs each in a worker process, so a
    /// crashing objective takes down a worker, not the silo. Set <see cref="WorkerSlots"/> to at most its
    /// <see cref="ITrialExecutor.Slots"/>. The silo asks for trials of an objective that needs a device only when the
    /// executor leases devices (<see cref="ITrialExecutor.LeasesDevices"/>), so GPU studies go to GPU silos. The caller owns
    /// the executor and disposes it after the silo stops.
    /// </summary>
    public ITrialExecutor? Executor { get; set; }

    /// <summary>
    /// Whether a worker slot asks its study's coordinator for the next trial shortly before the current one is expected to
    /// end (from the slot's trial lengths and answer times so far), so that the next trial starts as the current one ends
    /// and its result is sent meanwhile. On by default: with trials of a few hundred milliseconds the round trips would
    /// otherwise idle the slot for a good part of its time. The early trial's parameters are chosen without the current
    /// trial's result (it is pending for the sampler), and it is claimed, under the slot's lease, a moment before it runs.
    /// Studies with promotions (ASHA, Hyperband) never ask ahead: a promotion is decided when a trial is asked for, and should
    /// see every result in by then. Off: every trial's parameters are chosen after the slot's previous result is recorded.
    /// </summary>
    public bool AskAhead { get; set; } = true;

    /// <summary>
    /// The folder where trials run on this silo keep their checkpoints (<see cref="TrialContext.SaveCheckpointAsync"/>), so that
    /// a promoted trial continues from the trial it promotes (<see cref="TrialContext.LoadCheckpointAsync"/>) whichever silo ran
    /// that one: give every silo the same folder, on a file system they all mount when they are on several machines. Without
    /// it, saving a checkpoint fails the trial, naming this option.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>How long an idle worker slot waits before it asks the studies for work again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    internal void Validate()
    {
        if (Objectives is null)
        {
            throw new InvalidOperationException(
                "AttrHpoSiloOptions.Objectives is not set: set it to ObjectiveRegistry.FromAssembly(typeof(Program).Assembly), the objectives this silo may run.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(WorkerSlots, nameof(WorkerSlots));
        if (Executor is { } executor && WorkerSlots > executor.Slots)
        {
            throw new InvalidOperationException(
                $"AttrHpoSiloOptions.WorkerSlots is {WorkerSlots}, more than the executor's {executor.Slots} slots: the extra slots would claim " +
                $"trials that wait for a place to run. Set WorkerSlots = {executor.Slots} (the executor's Slots) or fewer.");
        }
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("AttrHpoSiloOptions.PollInterval must be positive.");
        }
    }
}
