namespace AttrHpo;

/// <summary>How reports written while a trial runs and those told with its end make one list, in the same way whatever the storage.</summary>
internal static class StoredReports
{
    /// <summary>
    /// The reports of <paramref name="added"/> that come after the last stored step: a write repeated after a lost answer, or
    /// an end that carries every report the trial made, adds only what is new. With nothing stored, every one of them.
    /// </summary>
    public static IReadOnlyList<IntermediateValue> After(IReadOnlyList<IntermediateValue> stored, IReadOnlyList<IntermediateValue> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (stored.Count == 0)
        {
            return added;
        }

        var last = stored[^1].Step;
        return [.. added.Where(r => r.Step > last)];
    }

    /// <summary>The value a trial ends with: the one told, or for a pruned trial told without one, its last report's when finite.</summary>
    public static double? EndValue(TrialEnd outcome, IReadOnlyList<IntermediateValue> reports) =>
        outcome.Value ?? (outcome.State == TrialState.Pruned && reports.Count > 0 && double.IsFinite(reports[^1].Value) ? reports[^1].Value : null);
}
