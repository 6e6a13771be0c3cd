namespace AttrHpo;

/// <summary>A finished trial as samplers see it.</summary>
/// <param name="Point">The trial's point of the unit cube.</param>
/// <param name="Loss">The objective's value, negated for maximised objectives, so that smaller is always better.</param>
public sealed record Observation(IReadOnlyList<double> Point, double Loss);
