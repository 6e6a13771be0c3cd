namespace AttrHpo;

/// <summary>How one run of an objective ended.</summary>
internal sealed record TrialOutcome(TrialState State, double? Value, string? Error, Exception? Exception)
{
    public static TrialOutcome Complete(double value) => new(TrialState.Complete, value, null, null);

    public static TrialOutcome Failed(string error, Exception? exception) => new(TrialState.Failed, null, error, exception);

    public static TrialOutcome Pruned(IntermediateValue? last) =>
        new(TrialState.Pruned, last is { Value: var value } && double.IsFinite(value) ? value : null, null, null);

    public static TrialOutcome Cancelled(string error) => new(TrialState.Cancelled, null, error, null);
}
