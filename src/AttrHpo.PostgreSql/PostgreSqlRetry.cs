using Npgsql;

namespace AttrHpo;

/// <summary>
/// Which failures are retried, and how long to pause between attempts: a transaction that failed was rolled back by the
/// server (or never reached it), so it is run again whole after a jittered, exponentially growing pause until the deadline.
/// </summary>
internal static class PostgreSqlRetry
{
    private const double FirstPauseMs = 5;
    private const double LongestPauseMs = 1000;

    /// <summary>
    /// Whether the error leaves nothing written and may pass: the connection was lost or refused (the server restarts, or
    /// an administrator ended the backend), a serialization failure (40001) or a deadlock (40P01).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300"
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
        IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1, or <see langword="null"/> when the deadline would pass first.</summary>
    public static TimeSpan? Pause(int attempt, TimeSpan remaining)
    {
        var cap = Math.Min(LongestPauseMs, FirstPauseMs * Math.Pow(2, Math.Min(attempt - 1, 16)));
        var pause = TimeSpan.FromMilliseconds(1 + (Random.Shared.NextDouble() * cap));
        return pause < remaining ? pause : null;
    }
}
