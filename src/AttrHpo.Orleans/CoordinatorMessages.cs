namespace AttrHpo;

/// <summary>A study as its coordinator keeps it in grain state: enough to rebuild the study on any silo.</summary>
[GenerateSerializer]
internal sealed class StudySpec
{
    [Id(0)] public string Name { get; set; } = string.Empty;
    [Id(1)] public string ObjectiveId { get; set; } = string.Empty;
    [Id(2)] public int Trials { get; set; }
    [Id(3)] public ulong Seed { get; set; }
    [Id(4)] public ClusterSampler Sampler { get; set; }
    [Id(5)] public TimeSpan LeaseDuration { get; set; }
    [Id(6)] public int MaxTrialStarts { get; set; }
    [Id(7)] public string? Pruning { get; set; }
    [Id(8)] public string? Promotion { get; set; }

    /// <summary>Whether <paramref name="other"/> describes the same study, its total of trials aside (the total is passed with each request).</summary>
    public bool SameStudyAs(StudySpec other) =>
        (Name, ObjectiveId, Seed, Sampler, LeaseDuration, MaxTrialStarts, Pruning, Promotion)
        == (other.Name, other.ObjectiveId, other.Seed, other.Sampler, other.LeaseDuration, other.MaxTrialStarts, other.Pruning, other.Promotion);
}

/// <summary>The coordinator's grain state.</summary>
[GenerateSerializer]
internal sealed class CoordinatorState
{
    [Id(0)] public StudySpec? Spec { get; set; }
    [Id(1)] public bool Finished { get; set; }
}

/// <summary>A trial handed to a worker: what it needs to run the objective, and the lease it runs under.</summary>
[GenerateSerializer, Immutable]
internal sealed record TrialWork
{
    [Id(0)] public required string Study { get; init; }
    [Id(1)] public required string ObjectiveId { get; init; }
    [Id(2)] public int Number { get; init; }
    [Id(3)] public int Attempt { get; init; }
    [Id(4)] public int Seed { get; init; }
    [Id(5)] public required string ParametersJson { get; init; }
    [Id(6)] public long? Budget { get; init; }
    [Id(7)] public int? PromotedFrom { get; init; }
    [Id(8)] public TimeSpan LeaseDuration { get; init; }

    /// <summary>
    /// Whether the worker may ask for its next trial of this study before this one ends (<see cref="AttrHpoSiloOptions.AskAhead"/>):
    /// not when the study promotes trials (ASHA, Hyperband), whose promotions are decided when a trial is asked for, from the
    /// results in by then.
    /// </summary>
    [Id(9)] public bool MayAskAhead { get; init; }
}

/// <summary>How a trial ended on its worker.</summary>
[GenerateSerializer, Immutable]
internal sealed record TrialResult
{
    [Id(0)] public int Number { get; init; }
    [Id(1)] public int Attempt { get; init; }
    [Id(2)] public int State { get; init; }
    [Id(3)] public double? Value { get; init; }
    [Id(4)] public string? Error { get; init; }
    [Id(5)] public long[] Steps { get; init; } = [];
    [Id(6)] public double[] Values { get; init; } = [];
    [Id(7)] public Dictionary<string, string> Attributes { get; init; } = [];
}

/// <summary>The coordinator of one study (key: the study's name). It owns the sampler; workers pull trials from it.</summary>
internal interface IStudyCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Records the study (or a new total for it) and lists it for workers.</summary>
    Task<ClusterStudyStatus> StartAsync(StudySpec spec);

    /// <summary>
    /// A trial for <paramref name="worker"/>, with its parameters; <see langword="null"/> when there is none now. Requests
    /// interleave, so that those arriving while a suggestion is chosen are answered together with one joint batch.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<TrialWork?> RequestTrialAsync(string worker);

    /// <summary>
    /// Stores an intermediate value and says whether the pruning rule stops the trial. Interleaves: the storage write is atomic
    /// and the rule takes reports from many trials at once, as for workers in one process.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> ReportAsync(int number, long step, double value);

    /// <summary>
    /// Records a trial's end; <see langword="false"/> when it was no longer the worker's (taken back, or recorded already).
    /// Interleaves: one atomic storage write, so workers' results never wait behind each other or a suggestion being chosen.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> FinishAsync(TrialResult result);

    /// <summary>Renews the leases of <paramref name="worker"/>'s running trials; never waits behind a suggestion being chosen.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task HeartbeatAsync(string worker);

    /// <summary>Where the study stands: the trials changed since the last call are read, not the whole study.</summary>
    Task<ClusterStudyStatus> GetStatusAsync();
}

/// <summary>The studies that workers serve (key 0): study name to objective id.</summary>
internal interface IStudyDirectoryGrain : IGrainWithIntegerKey
{
    Task AddAsync(string study, string objectiveId);

    Task RemoveAsync(string study);

    /// <summary>The studies served now. Answered quickly or not at all: a worker then serves the studies it knew.</summary>
    [Orleans.Concurrency.ReadOnly]
    [ResponseTimeout("00:00:02")]
    Task<Dictionary<string, string>> GetActiveAsync();
}

/// <summary>The directory's grain state.</summary>
[GenerateSerializer]
internal sealed class DirectoryState
{
    [Id(0)] public Dictionary<string, string> Active { get; set; } = new(StringComparer.Ordinal);
}
