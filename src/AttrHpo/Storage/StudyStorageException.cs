namespace AttrHpo;

/// <summary>A study's storage cannot do what was asked; the message names the study or file, the problem and the fix. Nothing recorded is lost.</summary>
public class StudyStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyStorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public StudyStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public StudyStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
