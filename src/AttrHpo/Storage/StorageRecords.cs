namespace AttrHpo;

/// <summary>What a study is: its name (unique in its storage), its objective's stable id, and its direction.</summary>
/// <param name="Name">The study's name.</param>
/// <param name="ObjectiveId">The objective's stable id.</param>
/// <param name="Direction">Whether smaller or larger values are better.</param>
public sealed record StudyIdentity(string Name, string ObjectiveId, Direction Direction)
{
    /// <summary>
    /// The search space's definition, one line per parameter: stored with a new study, and compared when the study is opened
    /// again, so that a changed space is refused before any trial runs instead of resumed silently. Not checked when
    /// <see langword="null"/>; a study stored without one (an older file) takes the first one it is opened with.
    /// </summary>
    public string? Space { get; init; }
}

/// <summary>A worker's hold on the trials it runs.</summary>
/// <param name="Worker">Who runs the trial: machine, process and study run.</param>
/// <param name="Now">The current time.</param>
/// <param name="LeaseUntil">Until when the lease holds without renewal.</param>
public sealed record TrialLease(string Worker, DateTimeOffset Now, DateTimeOffset LeaseUntil);

/// <summary>How a trial ended, recorded in one write with the values it reported on the way.</summary>
/// <param name="State">A final state.</param>
/// <param name="Value">The objective's value, for a complete trial.</param>
/// <param name="Error">What went wrong, for a failed or cancelled trial.</param>
/// <param name="Finished">When it ended.</param>
/// <param name="Reports">The intermediate values it reported.</param>
/// <param name="Attributes">The user attributes it set; none when <see langword="null"/>.</param>
public sealed record TrialEnd(
    TrialState State, double? Value, string? Error, DateTimeOffset Finished, IReadOnlyList<IntermediateValue> Reports, IReadOnlyDictionary<string, string>? Attributes = null)
{
    /// <summary>
    /// The start of the trial this result belongs to (<see cref="TrialRecord.Starts"/> when it was started). When the trial has
    /// been started again since (its lease ran out while its worker stalled, and another worker took it), the result is refused
    /// with a <see cref="StudyStorageException"/>, so that one run's result is never recorded under another's. Not checked when
    /// <see langword="null"/> (a result told by number).
    /// </summary>
    public int? Attempt { get; init; }
}

/// <summary>The parameters a started trial is given, and its place in a promotion schedule when the study has one.</summary>
/// <param name="Point">The parameters as a point of the unit cube.</param>
/// <param name="ParametersJson">The parameters as JSON.</param>
/// <param name="Seed">The seed the objective gets.</param>
public sealed record TrialAssignment(IReadOnlyList<double> Point, string ParametersJson, int Seed)
{
    /// <summary>The budget the trial runs with (its <c>[Budget]</c> parameter); the full budget when <see langword="null"/>.</summary>
    public long? Budget { get; init; }

    /// <summary>
    /// The trial this one promotes (the same configuration, run again with a larger budget); none for a new configuration. A
    /// trial is promoted once: storage refuses a second promotion with <see cref="PromotionTakenException"/>.
    /// </summary>
    public int? PromotedFrom { get; init; }
}

/// <summary>The trials of a study changed since some version, and the version they bring the reader to.</summary>
/// <param name="Trials">The changed trials, ordered by number.</param>
/// <param name="Version">The study's version after these changes; pass it as <c>since</c> next time.</param>
public sealed record TrialChanges(IReadOnlyList<TrialRecord> Trials, long Version);
