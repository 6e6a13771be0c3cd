namespace AttrHpo;

/// <summary>What a study is: its name (unique in its storage), its objective's stable id, and its direction.</summary>
/// <param name="Name">The study's name.</param>
/// <param name="ObjectiveId">The objective's stable id.</param>
/// <param name="Direction">Whether smaller or larger values are better.</param>
public sealed record StudyIdentity(string Name, string ObjectiveId, Direction Direction);

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
    TrialState State, double? Value, string? Error, DateTimeOffset Finished, IReadOnlyList<IntermediateValue> Reports, IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>The trials of a study changed since some version, and the version they bring the reader to.</summary>
/// <param name="Trials">The changed trials, ordered by number.</param>
/// <param name="Version">The study's version after these changes; pass it as <c>since</c> next time.</param>
public sealed record TrialChanges(IReadOnlyList<TrialRecord> Trials, long Version);
