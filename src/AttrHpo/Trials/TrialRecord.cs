namespace AttrHpo;

/// <summary>
/// A trial as storage keeps it: parameters as a unit-cube point and as JSON, no parameters type.
/// Immutable; storage replaces the record as the trial moves on.
/// </summary>
public sealed record TrialRecord
{
    /// <summary>The trial's number in its study, from 0.</summary>
    public required int Number { get; init; }

    /// <summary>Where the trial is in its life.</summary>
    public required TrialState State { get; init; }

    /// <summary>The parameters as a point of the unit cube, one coordinate per dimension.</summary>
    public required IReadOnlyList<double> Point { get; init; }

    /// <summary>The parameters as the generated JSON object.</summary>
    public required string ParametersJson { get; init; }

    /// <summary>Who ran (or runs) the trial; empty for a trial no worker has started.</summary>
    public string Worker { get; init; } = string.Empty;

    /// <summary>How many times the trial was started (more than once when its worker died and it was run again).</summary>
    public int Starts { get; init; }

    /// <summary>Until when the running trial's worker holds it without renewing; after that the trial may be run again.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Whether the trial has parameters yet (a trial is started first, then the sampler gives it a point).</summary>
    public bool HasParameters => ParametersJson.Length > 0;

    /// <summary>The seed the trial's objective was given (<see cref="TrialContext.Seed"/>), so that its run can be reproduced.</summary>
    public int Seed { get; init; }

    /// <summary>The budget the trial ran with, when a promotion schedule gave it one (<see cref="TrialContext.Budget"/>).</summary>
    public long? Budget { get; init; }

    /// <summary>The trial this one promoted to a larger budget (the same parameters), in a promotion schedule.</summary>
    public int? PromotedFrom { get; init; }

    /// <summary>The objective's value, for a complete trial (or the last reported value of a pruned one).</summary>
    public double? Value { get; init; }

    /// <summary>What went wrong, for a failed or cancelled trial: the exception's type and message.</summary>
    public string? Error { get; init; }

    /// <summary>Values reported during the trial.</summary>
    public IReadOnlyList<IntermediateValue> Reports { get; init; } = [];

    /// <summary>User attributes the objective set (<see cref="TrialContext.SetAttribute(string, string)"/>), by key in ordinal order.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = TrialAttributes.Empty;

    /// <summary>
    /// The study's version when storage last wrote this record (see <see cref="IStudyStorage.GetChangesAsync"/>): of two records of
    /// one trial, the one with the larger version is the newer, so a reader that got them out of order keeps the newer.
    /// </summary>
    public long Version { get; init; }

    /// <summary>When the trial started running.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When the trial finished, in any final state.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>How long the trial ran, when it has finished.</summary>
    public TimeSpan? Duration => Finished - Started;

    /// <summary>Whether the trial is in a final state.</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled;
}
