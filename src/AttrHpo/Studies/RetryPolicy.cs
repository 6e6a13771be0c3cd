namespace AttrHpo;

/// <summary>Runs a failed trial again, in the same trial, when its exception is worth retrying (a flaky data source, say).</summary>
public sealed record RetryPolicy
{
    /// <summary>How many times a trial may run in all, the first included (at least 1).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Which exceptions are retried; every exception when not set. NaN and infinite values are never retried.</summary>
    public Func<Exception, bool>? ShouldRetry { get; init; }

    /// <summary>How long to wait before the second attempt; doubled before each later one. Default 100 ms.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(100);
}
