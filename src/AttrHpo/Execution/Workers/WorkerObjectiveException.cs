namespace AttrHpo;

/// <summary>
/// An objective threw in a worker process. Exceptions do not cross the process boundary as objects (that would load types
/// named by a message): this one carries the original's type name, message and text.
/// </summary>
public sealed class WorkerObjectiveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerObjectiveException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public WorkerObjectiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkerObjectiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The full name of the exception's type in the worker (<c>System.InvalidOperationException</c>).</summary>
    public string ExceptionType { get; init; } = string.Empty;

    /// <summary>The exception's full text in the worker (type, message, stack trace, inner exceptions).</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; init; }
}
