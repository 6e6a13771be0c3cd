namespace AttrHpo;

/// <summary>How a <see cref="PostgreSqlStudyStorage"/> uses its server. Every property has a sensible default.</summary>
public sealed record PostgreSqlStudyStorageOptions
{
    /// <summary>
    /// How long one operation may keep retrying while the server is unreachable, restarting, or reports a serialization
    /// failure or deadlock, before it fails with a <see cref="StudyStorageException"/>. Default 60 seconds.
    /// </summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Only reads: every transaction is read-only, so any write fails with a <see cref="StudyStorageException"/>, and the
    /// database is never given AttrHpo's tables nor upgraded. A database without them holds no studies
    /// (<see cref="IStudyStorage.GetStudiesAsync"/> returns none; other operations are refused). What <c>attrhpo</c>'s read
    /// commands use. Default <see langword="false"/>.
    /// </summary>
    public bool ReadOnly { get; init; }
}
