namespace QuickStart;

/// <summary>
/// Thrown when training blows up (a weight or the validation loss is no longer a finite number), typically
/// because the learning rate is too large. The study records the trial as failed, with this message, and goes on.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException()
        : this("Training diverged.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What diverged, and when.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What diverged, and when.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
