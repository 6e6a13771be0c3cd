namespace AttrHpo.Tool;

/// <summary>What <c>attrhpo</c> exits with, so that scripts can tell failures apart (docs/tool.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong: an unknown command or option, a missing or malformed value, an unknown location form, a delete without --yes.</summary>
    public const int Usage = 1;

    /// <summary>Something named does not exist: the storage file, the study, its version, the input file, a complete trial.</summary>
    public const int NotFound = 2;

    /// <summary>The storage cannot be reached now: a SQLite file locked by another process past the lock timeout, a PostgreSQL server that does not answer.</summary>
    public const int Unavailable = 3;

    /// <summary>
    /// The storage or the operation is refused: a file that is not an AttrHpo study file, an import onto a study that exists,
    /// a plot the study has not got the trials for, an Optuna export onto an existing file, an Optuna study that cannot be mapped,
    /// a study a worker runs given to delete or rename, a rename onto a taken name.
    /// </summary>
    public const int Refused = 4;

    /// <summary><c>hunt</c>: no trial of the study completed (or the first ones of this run all failed); the message has the first error.</summary>
    public const int AllFailed = 5;
}

/// <summary>A failure the tool reports as one message and an exit code, with no stack trace.</summary>
internal sealed class ToolException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
