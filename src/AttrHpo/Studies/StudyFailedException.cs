namespace AttrHpo;

/// <summary>Thrown when a study ends without a single complete trial. The message names the first trial's error.</summary>
public sealed class StudyFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyFailedException()
        : this("The study ended without a complete trial.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StudyFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the first trial's exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception the first failed trial threw, if it threw one.</param>
    public StudyFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
