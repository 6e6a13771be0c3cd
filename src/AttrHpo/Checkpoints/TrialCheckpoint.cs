namespace AttrHpo;

/// <summary>The state an objective saved at the end of a trial (<see cref="TrialContext.SaveCheckpointAsync"/>), for the trial that promotes it.</summary>
/// <param name="Trial">The trial that saved it.</param>
/// <param name="Budget">The budget that trial ran with (the epochs already trained, say); <see langword="null"/> when it had the full budget.</param>
/// <param name="State">The bytes it saved.</param>
public sealed record TrialCheckpoint(int Trial, long? Budget, ReadOnlyMemory<byte> State);
