namespace AttrHpo;

/// <summary>How a <see cref="SqliteStudyStorage"/> uses its file. Every property has a sensible default.</summary>
public sealed record SqliteStudyStorageOptions
{
    /// <summary>
    /// How long one operation may wait in all while other processes write to the file, before it fails with a
    /// <see cref="StudyStorageException"/> having written nothing. Writes are short, so waits are normally milliseconds;
    /// only a process that holds a transaction open for long (a database browser with uncommitted edits) makes one wait
    /// this long. Default 60 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When a committed write reaches the disk: <see cref="SqliteSynchronous.Normal"/> (the default) survives the process
    /// crashing or being killed; <see cref="SqliteSynchronous.Full"/> also survives a power loss or an operating-system crash.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>
    /// Opens the file read-only, for tools that only look at studies: a missing file is an error instead of being created, the
    /// file is neither given a schema nor upgraded nor switched to write-ahead-log mode, and every operation that writes fails
    /// with a <see cref="StudyStorageException"/>. SQLite may still create the <c>-shm</c> file beside a file in write-ahead-log
    /// mode, as any reader does. Default <see langword="false"/>.
    /// </summary>
    public bool ReadOnly { get; init; }
}

/// <summary>
/// How durable each commit of a <see cref="SqliteStudyStorage"/> is (SQLite's <c>PRAGMA synchronous</c>; the file is always
/// in write-ahead-log mode). A commit is never torn: the file is consistent after any crash, and only the question of
/// whether the latest commits survive depends on this setting.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Each commit is written to the write-ahead log before the call returns, and the log is flushed to the disk at
    /// checkpoints. A committed trial survives the process crashing or being killed (<c>kill -9</c>), because the operating
    /// system holds the written data; a power loss or an operating-system crash may lose the last commits. The default:
    /// several times faster than <see cref="Full"/>.
    /// </summary>
    Normal,

    /// <summary>Each commit is also flushed to the disk (fsync) before the call returns: it survives a power loss too, at the cost of one disk flush per write.</summary>
    Full,
}
