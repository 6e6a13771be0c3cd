namespace AttrHpo;

/// <summary>How a <see cref="PostgreSqlStudyStorage"/> uses its server. Every property has a sensible default.</summary>
public sealed record PostgreSqlStudyStorageOptions
{
    /// <summary>
    /// How long one operation may keep retrying while the server is unreachable, restarting, or reports a serialization
    /// failure or deadlock, before it fails with a <see cref="StudyStorageException"/>. Default 60 seconds.
    /// </summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
