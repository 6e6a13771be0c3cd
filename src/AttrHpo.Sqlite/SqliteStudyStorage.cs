using Microsoft.Data.Sqlite;

namespace AttrHpo;

/// <summary>
/// Keeps studies in a SQLite file: many studies share one file, each by its name, and a study run again on the same file
/// continues. Every write is one short transaction that takes the file's write lock at once (<c>BEGIN IMMEDIATE</c>), so
/// that handing out a trial number and checking the budget are atomic across processes: several processes on one machine
/// can run the same study through the same file at once, and no trial is lost or run twice. A finished trial is committed
/// before <see cref="FinishTrialAsync"/> returns, so before any sampler sees it.
/// </summary>
/// <remarks>
/// <para>
/// The file is in write-ahead-log mode (it gets <c>-wal</c> and <c>-shm</c> files beside it while in use; keep it on a local
/// disk, not a network share). With the default <see cref="SqliteSynchronous.Normal"/>, a committed trial survives the
/// process being killed; <see cref="SqliteSynchronous.Full"/> also survives a power loss (see <see cref="SqliteStudyStorageOptions"/>).
/// While another process writes, an operation waits, retrying with jittered exponential backoff, up to
/// <see cref="SqliteStudyStorageOptions.BusyTimeout"/>; a locked file never surfaces as an error before then.
/// </para>
/// <para>
/// The file is opened on first use. A new or empty file is given the schema; an existing one must be an AttrHpo study
/// file whose schema this version reads. A file written by a newer AttrHpo, a corrupt file, or another program's
/// database is refused with a <see cref="StudyStorageException"/> that names it, and is left exactly as it was.
/// </para>
/// <para>One instance may be shared by every worker of a process; its operations run one at a time on one connection.</para>
/// </remarks>
public sealed partial class SqliteStudyStorage : IStudyStorage, IAsyncDisposable, IDisposable
{
    private const string Columns = SqliteRows.TrialColumns;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, long> _studyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private bool _inTransaction;
    private bool _disposed;

    /// <summary>Creates a storage for the SQLite file at <paramref name="path"/>, with default options. The file is opened (or created) on first use.</summary>
    /// <param name="path">The file; relative paths are taken from the current directory now.</param>
    public SqliteStudyStorage(string path)
        : this(path, new SqliteStudyStorageOptions())
    {
    }

    /// <summary>Creates a storage for the SQLite file at <paramref name="path"/>. The file is opened (or created) on first use.</summary>
    /// <param name="path">The file; relative paths are taken from the current directory now.</param>
    /// <param name="options">How the file is used.</param>
    public SqliteStudyStorage(string path, SqliteStudyStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "SqliteStudyStorageOptions.BusyTimeout must be positive.");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Synchronous, "SqliteStudyStorageOptions.Synchronous must be Normal or Full.");
        }

        Path = System.IO.Path.GetFullPath(path);
        Options = options;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>How the file is used.</summary>
    public SqliteStudyStorageOptions Options { get; }

    /// <inheritdoc />
    public async ValueTask OpenStudyAsync(StudyIdentity study, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        await RunAsync(study, static (storage, identity) => storage.OpenStudy(identity), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord?> StartTrialAsync(string study, TrialLease lease, int budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(lease);
        return RunAsync((Study: study, Lease: lease, Budget: budget), static (storage, a) => storage.StartTrial(a.Study, a.Lease, a.Budget), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> EnqueueTrialAsync(string study, IReadOnlyList<double> point, string parametersJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrEmpty(parametersJson);
        return RunAsync((Study: study, Point: point, Json: parametersJson), static (storage, a) => storage.Enqueue(a.Study, a.Point, a.Json), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, IReadOnlyList<double> point, string parametersJson, int seed, CancellationToken cancellationToken) =>
        SetParametersAsync(study, number, new TrialAssignment(point, parametersJson, seed), cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, TrialAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(assignment.Point);
        ArgumentException.ThrowIfNullOrEmpty(assignment.ParametersJson);
        return RunAsync(
            (Study: study, Number: number, Assignment: assignment),
            static (storage, a) => storage.SetParameters(a.Study, a.Number, a.Assignment),
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask RenewLeasesAsync(string study, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(worker);
        await RunAsync((Study: study, Worker: worker, Until: leaseUntil), static (storage, a) => storage.RenewLeases(a.Study, a.Worker, a.Until), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> FinishTrialAsync(string study, int number, TrialEnd outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(outcome);
        return RunAsync((Study: study, Number: number, Outcome: outcome), static (storage, a) => storage.Finish(a.Study, a.Number, a.Outcome), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> RecoverExpiredTrialsAsync(string study, DateTimeOffset now, int maxStarts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync((Study: study, Now: now, MaxStarts: maxStarts), static (storage, a) => storage.RecoverExpired(a.Study, a.Now, a.MaxStarts), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TrialChanges> GetChangesAsync(string study, long since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync((Study: study, Since: since), static (storage, a) => storage.GetChanges(a.Study, a.Since), cancellationToken);
    }

    /// <summary>Closes the file, once every operation in progress has ended. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the file, once every operation in progress has ended. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }
}
