using Microsoft.Data.Sqlite;

namespace AttrHpo;

/// <summary>
/// Waits out other processes' writes. SQLite's own busy handler waits up to <see cref="AttemptWait"/> inside each attempt,
/// blocking its thread, so that the usual wait for another process's short write is absorbed in place; when an attempt still
/// finds the file busy or locked, the whole transaction was rolled back, and it is run again after a jittered, exponentially
/// growing pause (awaited, not blocking a thread, and cancellable), until the operation's deadline. Jitter keeps processes
/// that collided from colliding again in step.
/// </summary>
internal static class SqliteRetry
{
    /// <summary>How long SQLite's busy handler waits, blocking the thread, within one attempt (<c>PRAGMA busy_timeout</c>): a few of another process's writes.</summary>
    public static readonly TimeSpan AttemptWait = TimeSpan.FromMilliseconds(5);

    private const double FirstPauseMs = 2;
    private const double LongestPauseMs = 250;

    /// <summary>Whether the error means that another connection holds the file for now (SQLITE_BUSY, SQLITE_LOCKED and their extended codes).</summary>
    public static bool IsTransient(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is 5 or 6;

    /// <summary>
    /// The pause before attempt <paramref name="attempt"/> + 1 (full jitter: uniform up to an exponentially growing cap), or
    /// <see langword="null"/> when the deadline would pass first.
    /// </summary>
    /// <param name="attempt">How many attempts failed so far, from 1.</param>
    /// <param name="remaining">How long until the operation's deadline.</param>
    public static TimeSpan? Pause(int attempt, TimeSpan remaining)
    {
        var cap = Math.Min(LongestPauseMs, FirstPauseMs * Math.Pow(2, Math.Min(attempt - 1, 16)));
        var pause = TimeSpan.FromMilliseconds(1 + (Random.Shared.NextDouble() * cap));
        return pause < remaining ? pause : null;
    }

    /// <summary>The error an operation fails with when the file stayed busy past its deadline; nothing was written.</summary>
    public static StudyStorageException Exhausted(string path, TimeSpan timeout, SqliteException last) =>
        new(
            $"The study file '{path}' stayed locked by other processes for more than {timeout.TotalSeconds:0.#} s " +
            "(SqliteStudyStorageOptions.BusyTimeout), so this operation was not done and wrote nothing. Another program may be " +
            "holding a long transaction on the file (a database browser with uncommitted changes, say): close it, or raise the timeout.",
            last);
}
