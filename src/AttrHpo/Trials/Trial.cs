namespace AttrHpo;

/// <summary>A finished or running trial with its typed parameters.</summary>
/// <typeparam name="TParameters">The generated parameters record.</typeparam>
/// <param name="Record">The trial as storage keeps it.</param>
/// <param name="Parameters">The trial's parameters, typed.</param>
public sealed record Trial<TParameters>(TrialRecord Record, TParameters Parameters)
    where TParameters : notnull
{
    /// <summary>The trial's number in its study, from 0.</summary>
    public int Number => Record.Number;

    /// <summary>Where the trial is in its life.</summary>
    public TrialState State => Record.State;

    /// <summary>The objective's value, for a complete trial.</summary>
    public double? Value => Record.Value;

    /// <summary>What went wrong, for a failed or cancelled trial.</summary>
    public string? Error => Record.Error;

    /// <summary>How long the trial ran.</summary>
    public TimeSpan? Duration => Record.Duration;

    /// <inheritdoc />
    public override string ToString() => $"#{Number} {State} {Value?.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} {Parameters}";
}
