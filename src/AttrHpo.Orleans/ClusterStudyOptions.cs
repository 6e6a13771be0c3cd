namespace AttrHpo;

/// <summary>How a study runs across an Orleans cluster (<see cref="ClusterStudyExtensions.RunStudyAsync"/>).</summary>
public sealed record ClusterStudyOptions
{
    /// <summary>The study's name: the coordinator grain's key and the study's name in storage; the objective's id when <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The study's total number of trials, earlier runs' included (as <see cref="StopCondition.TotalTrials"/> counts them: every
    /// state but cancelled). Run again with a larger number to extend a finished study.
    /// </summary>
    public int Trials { get; init; } = 100;

    /// <summary>The study's seed: trials' seeds and the sampler's stream derive from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>The sampler the coordinator runs.</summary>
    public ClusterSampler Sampler { get; init; } = ClusterSampler.Random;

    /// <summary>
    /// How long a trial stays its worker's without a heartbeat (workers renew it every third of this). A silo that dies
    /// loses its trials once this has passed, and they run again on another silo. Keep it well above Orleans' response timeout
    /// (30 s by default): while the coordinator's silo is dying, heartbeats in flight to it wait that long, and a lease that runs
    /// out meanwhile sends a healthy trial to run again.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The early-stopping rule the coordinator applies to every report a worker sends (<see cref="StudyOptions.Pruning"/>):
    /// judged from the study's stored reports, so a coordinator that moves to another silo judges as the last one did. The
    /// objective stops when <see cref="TrialContext.ShouldPrune"/> says so (<see cref="TrialContext.ReportOrPrune"/>), and the
    /// trial is recorded as pruned. <see cref="AttrHpo.Pruning.SuccessiveHalving"/>, <see cref="AttrHpo.Pruning.Hyperband"/> or
    /// <see cref="AttrHpo.Pruning.Median"/>; a custom rule cannot travel to the coordinator and is refused.
    /// </summary>
    public Pruning? Pruning { get; init; }

    /// <summary>
    /// Promotions (<see cref="StudyOptions.Promotion"/>, <see cref="AttrHpo.Promotion.Asha"/> or <see cref="AttrHpo.Promotion.Hyperband"/>),
    /// for an objective with a <c>[Budget]</c> parameter: the coordinator decides, from the trials in storage, whether a free
    /// worker slot runs a promotion (the same configuration with a larger budget) or a new configuration at the smallest budget.
    /// </summary>
    public Promotion? Promotion { get; init; }

    /// <summary>How many times a trial may be started in all (a trial whose silo died is started again).</summary>
    public int MaxTrialStarts { get; init; } = 3;

    /// <summary>How often the caller asks the coordinator whether the study has finished.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a call to the coordinator is retried while its silo fails over (a new activation takes its place).</summary>
    public TimeSpan FailoverTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>The samplers a cluster study can run (its coordinator creates it from this name, so it travels in grain state).</summary>
public enum ClusterSampler
{
    /// <summary><see cref="RandomSampler"/>.</summary>
    Random,

    /// <summary><see cref="SobolSampler"/>.</summary>
    Sobol,

    /// <summary><see cref="GpSampler"/> with its default options.</summary>
    GaussianProcess,
}
