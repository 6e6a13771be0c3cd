namespace AttrHpo;

/// <summary>A finished trial as samplers see it.</summary>
/// <param name="Point">The trial's point of the unit cube.</param>
/// <param name="Loss">The objective's value, negated for maximised objectives, so that smaller is always better;
/// <see cref="double.PositiveInfinity"/> for a failed trial.</param>
public sealed record Observation(IReadOnlyList<double> Point, double Loss)
{
    /// <summary>The budget the trial ran with under a promotion schedule (<see cref="TrialRecord.Budget"/>); none otherwise.</summary>
    public long? Budget { get; init; }
}
