namespace AttrHpo;

/// <summary>
/// Runs a failed trial again, in the same trial, when its exception is worth retrying (a flaky data source, say). The retry
/// runs the objective from its start with the same context: its reports up to the last step the failed attempt reported are
/// skipped (that attempt's values stand, as stored and as the early-stopping rule judged them), and later ones are taken in.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>How many times a trial may run in all, the first included (at least 1).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Which exceptions are retried; every exception when not set. NaN and infinite values are never retried.</summary>
    public Func<Exception, bool>? ShouldRetry { get; init; }

    /// <summary>How long to wait before the second attempt; doubled before each later one. Default 100 ms.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(100);
}
