namespace AttrHpo;

/// <summary>
/// A worker process of a <see cref="ProcessExecutor"/> could not be started, or died during a trial (an objective that calls
/// <see cref="Environment.FailFast(string)"/>, overflows its stack, runs out of memory or crashes in native code, or a process
/// killed from outside). The trial fails with this error; the pool replaces the process and the study goes on.
/// </summary>
public sealed class WorkerProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerProcessException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public WorkerProcessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public WorkerProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The worker's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines the worker wrote to its standard error.</summary>
    public string StandardError { get; init; } = string.Empty;
}
