namespace AttrHpo;

/// <summary>How an optimisation call shown by <see cref="StudyConsole"/> stands.</summary>
internal enum ProgressStatus
{
    /// <summary>Trials are running.</summary>
    Running,

    /// <summary>The caller cancelled; running trials are being stopped and recorded.</summary>
    Cancelling,

    /// <summary>The call returned a result.</summary>
    Finished,

    /// <summary>The call was cancelled.</summary>
    Cancelled,

    /// <summary>The call threw.</summary>
    Failed,
}

/// <summary>What <see cref="StudyConsole"/> shows of a running study at one moment.</summary>
/// <param name="StudyName">The study's name.</param>
/// <param name="Status">How the call stands.</param>
/// <param name="Complete">Trials of this call that completed.</param>
/// <param name="Running">Trials of this call running now.</param>
/// <param name="Failed">Trials of this call that failed.</param>
/// <param name="Pruned">Trials of this call that were pruned.</param>
/// <param name="Cancelled">Trials of this call that were cancelled.</param>
/// <param name="Earlier">Finished trials the study held before this call (earlier runs, other processes).</param>
/// <param name="Planned">Trials this call is to finish under the stop condition's trial budget; <see langword="null"/> without one.</param>
/// <param name="Best">The study's best complete trial, earlier ones included.</param>
/// <param name="Elapsed">How long this call has run.</param>
/// <param name="Remaining">The estimated time left; <see langword="null"/> when unknown.</param>
internal sealed record ProgressSnapshot(
    string StudyName,
    ProgressStatus Status,
    int Complete,
    int Running,
    int Failed,
    int Pruned,
    int Cancelled,
    int Earlier,
    int? Planned,
    TrialRecord? Best,
    TimeSpan Elapsed,
    TimeSpan? Remaining)
{
    /// <summary>Trials of this call that have finished, in any state.</summary>
    public int Finished => Complete + Failed + Pruned + Cancelled;

    /// <summary>Trials of this call that count toward the trial budget: finished ones, cancelled ones aside (they are run again).</summary>
    public int Counted => Complete + Failed + Pruned;

    /// <summary>
    /// The other workers (processes, machines) whose leased trials the call waits for, when they are all that is left to do;
    /// empty otherwise.
    /// </summary>
    public IReadOnlyList<LeasedElsewhere> WaitingFor { get; init; } = [];

    /// <summary>The objective's name, the metric the values are of; not shown when <see langword="null"/>.</summary>
    public string? Metric { get; init; }

    /// <summary>Whether smaller or larger values are better.</summary>
    public Direction Direction { get; init; }

    /// <summary>The trials running now, by number, each with its last report.</summary>
    public IReadOnlyList<RunningTrial> RunningTrials { get; init; } = [];

    /// <summary>Whether this is a study watched in storage (<c>attrhpo watch</c>) rather than an optimisation call of this process.</summary>
    public bool Watching { get; init; }

    /// <summary>Whether the call is over.</summary>
    public bool IsOver => Status is ProgressStatus.Finished or ProgressStatus.Cancelled or ProgressStatus.Failed;
}

/// <summary>A running trial as the displays show it.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Started">When it started.</param>
/// <param name="LastReport">The last intermediate value it reported; <see langword="null"/> before its first.</param>
internal sealed record RunningTrial(int Number, DateTimeOffset Started, IntermediateValue? LastReport);
