namespace AttrHpo;

/// <summary>
/// Thrown by <see cref="TrialContext.Prune"/> to stop a trial early; the study records the trial as
/// <see cref="TrialState.Pruned"/> with its last reported value. Not an error: let it propagate out of the objective.
/// </summary>
/// <remarks>
/// Deliberately not an <see cref="OperationCanceledException"/>: pruning is the study's verdict on the trial, not a request to
/// cancel, so training code that catches cancellation (to clean up, or to return what it has) never swallows it. Code that
/// catches every <see cref="Exception"/> must let this one through (<c>catch (Exception e) when (e is not TrialPrunedException)</c>).
/// </remarks>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the signal for trial <paramref name="number"/>.</summary>
    /// <param name="number">The trial's number.</param>
    /// <param name="lastReport">Its last reported value; none when it reported nothing.</param>
    public TrialPrunedException(int number, IntermediateValue? lastReport)
        : base(lastReport is { } last
            ? $"Trial {number} was pruned at step {last.Step} (value {last.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})."
            : $"Trial {number} was pruned before it reported a value.")
    {
        Number = number;
        LastReport = lastReport;
    }

    /// <summary>Creates the signal with a message of the caller's own.</summary>
    public TrialPrunedException()
        : base("The trial was pruned.")
    {
    }

    /// <summary>Creates the signal with a message of the caller's own.</summary>
    /// <param name="message">The message.</param>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the signal with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The trial's number; -1 when not given.</summary>
    public int Number { get; } = -1;

    /// <summary>The trial's last reported value, recorded as its value.</summary>
    public IntermediateValue? LastReport { get; }
}
