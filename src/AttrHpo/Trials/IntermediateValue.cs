namespace AttrHpo;

/// <summary>A value an objective reported part-way through a trial with <see cref="TrialContext.Report"/>.</summary>
/// <param name="Step">The step (epoch, iteration) the value belongs to.</param>
/// <param name="Value">The value at that step.</param>
public readonly record struct IntermediateValue(long Step, double Value);
