using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>How a study runs. Every property has a sensible default.</summary>
public sealed record StudyOptions
{
    /// <summary>The study's name, used in trial ids and logs; the objective's id when not set.</summary>
    public string? Name { get; init; }

    /// <summary>The seed of every random choice the study makes: the same seed runs the same trials.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// What opening a stored study does when the objective's search space is not the one its latest version was recorded with:
    /// <see cref="SpaceChange.Refuse"/> (the default) throws a <see cref="StudyStorageException"/> naming every difference before
    /// any trial runs; <see cref="SpaceChange.NewVersion"/> starts the next version of the study, keeping the earlier ones as
    /// they are. A study opened again with the space of its latest version continues that version either way.
    /// </summary>
    public SpaceChange OnSpaceChange { get; init; }

    /// <summary>
    /// Which version of the study to open: an earlier one, to read its trials (or continue it) with the objective as it was
    /// then (the space must be the one it was recorded with). The latest version when not set.
    /// </summary>
    public int? Version { get; init; }

    /// <summary>
    /// Whether a new version of a study (<see cref="SpaceChange.NewVersion"/>) shows its sampler the complete trials of its
    /// earlier versions whose values lie in its space. Default <see langword="true"/>. They inform the sampler only: they are not
    /// trials of the new version, count toward none of its budgets or stop conditions, and are not its
    /// <see cref="StudyResult{TParameters}.Best"/>. Samplers that ignore history (random, Sobol, grid) are not changed by them.
    /// </summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>
    /// For the warm start, values of parameters that some versions lack, by name: for a parameter added since an earlier version,
    /// the value its trials are taken to have had (without one, the method's C# default is taken; without either, those trials
    /// are not used); for a parameter removed since, the value the objective now fixes it at (only trials with that value
    /// are used; without one, none of them). Values are of the parameter's type: numbers, strings, bools or enum members.
    /// </summary>
    public IReadOnlyDictionary<string, object>? WarmStartValues { get; init; }

    /// <summary>Proposes the trials' parameters; a <see cref="RandomSampler"/> when not set.</summary>
    public ISampler? Sampler { get; init; }

    /// <summary>
    /// Keeps the trials; an <see cref="InMemoryStudyStorage"/> of the study's own when not set. Give a SQLite file
    /// (<c>StudyStorage.Sqlite("study.db")</c>) to keep them across runs: a study run again on the same file continues.
    /// </summary>
    public IStudyStorage? Storage { get; init; }

    /// <summary>How long a trial may run before it is cancelled and recorded as failed; no limit when not set.</summary>
    public TimeSpan? TrialTimeout { get; init; }

    /// <summary>Which failed trials are run again, and how often; none when not set.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>
    /// Stop the study with a <see cref="StudyFailedException"/> when this many trials have finished in this run and all of them
    /// failed: an objective that cannot succeed should not burn the whole budget. 0 turns the check off. Default 10.
    /// </summary>
    public int FailFastAfter { get; init; } = 10;

    /// <summary>
    /// How long a running trial stays leased to its worker without renewal; the worker renews at a third of it. A trial whose
    /// worker died is run again once its lease runs out. Default 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a trial may be started in all before a worker that keeps dying on it fails it. Default 2.</summary>
    public int MaxTrialStarts { get; init; } = 2;

    /// <summary>Names this process in the trials it runs; machine name and process id when not set.</summary>
    public string? WorkerName { get; init; }

    /// <summary>Reads the clock; the system clock when not set (tests give their own).</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// Where trials run: <see cref="InProcessExecutor"/> (CPU slots), or executors for GPUs and worker processes. In this
    /// process, as many at once as <c>OptimizeAsync</c>'s parallelism, when not set. A study runs at most
    /// <see cref="ITrialExecutor.Slots"/> trials at a time through an executor; the caller owns and disposes it.
    /// </summary>
    public ITrialExecutor? Executor { get; init; }

    /// <summary>
    /// The promotion form of successive halving (<see cref="AttrHpo.Promotion.Asha"/>, <see cref="AttrHpo.Promotion.Hyperband"/>),
    /// which gives each trial a budget for the objective's <c>[Budget]</c> parameter and runs the best configurations again
    /// with larger ones; none when not set (every trial gets the full budget). Needs an objective with a <c>[Budget]</c> parameter.
    /// </summary>
    public Promotion? Promotion { get; init; }

    /// <summary>
    /// Where trials' checkpoints are kept (<see cref="TrialContext.SaveCheckpointAsync"/>): a folder, shared by runs and by
    /// processes on this machine. In memory, for this study object only, when not set.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// The early-stopping rule applied to the values trials report (<see cref="TrialContext.Report(long, double)"/>): it sets
    /// <see cref="TrialContext.ShouldPrune"/>. None when not set (trials run to the end).
    /// </summary>
    public Pruning? Pruning { get; init; }

    /// <summary>Where the study and the objectives log; nothing is logged when not set.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Told when each trial of <c>OptimizeAsync</c> starts and finishes (a live display's running count, say); none when not set.
    /// An observer that throws stops the study. See <see cref="IStudyObserver"/>.
    /// </summary>
    public IStudyObserver? Observer { get; init; }
}
