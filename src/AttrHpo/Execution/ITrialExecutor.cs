namespace AttrHpo;

/// <summary>
/// Runs trials' objectives for a study (<see cref="StudyOptions.Executor"/>): in this process on CPU slots, on GPU devices, or
/// in worker processes. The study decides what runs (sampling, scheduling, storage, timeouts and retries); the executor
/// decides where, and offers <see cref="Slots"/> places to run.
/// </summary>
/// <remarks>
/// An executor is shared by every worker of a study and may be shared by several studies: <see cref="InvokeAsync"/> is
/// called concurrently and waits for a free slot. It honours cancellation (a timed-out or stopped trial), releases whatever it
/// leased for the trial however the trial ends, and reports the objective's failure by throwing.
/// </remarks>
public interface ITrialExecutor : IAsyncDisposable
{
    /// <summary>How many trials it runs at once; a study runs at most this many of its trials at a time through it.</summary>
    int Slots { get; }

    /// <summary>
    /// Whether a trial of an objective that needs a device (<see cref="IRegisteredObjective.NeedsAccelerator"/>: an ILGPU
    /// accelerator or a <see cref="GpuDevice"/> parameter) is leased one here. A cluster's worker silo asks only for trials it
    /// can run, so a GPU objective's trials go to the silos whose executor says so. <see langword="false"/> unless overridden.
    /// </summary>
    bool LeasesDevices => false;

    /// <summary>Runs one trial of an objective, once a slot is free, and returns its value.</summary>
    /// <param name="invocation">The objective, the trial's parameters as JSON, and its context.</param>
    /// <param name="cancellationToken">Cancels the trial (a timeout, or the study stopping).</param>
    /// <returns>The objective's value.</returns>
    ValueTask<double> InvokeAsync(TrialInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>One trial for an <see cref="ITrialExecutor"/> to run.</summary>
/// <param name="Objective">The objective, by which a worker process or another node finds the same code.</param>
/// <param name="ParametersJson">The trial's parameters as the generated JSON.</param>
/// <param name="Context">The trial's context: its number, seed, budget, reports, attributes and checkpoints.</param>
public sealed record TrialInvocation(IRegisteredObjective Objective, string ParametersJson, TrialContext Context);
