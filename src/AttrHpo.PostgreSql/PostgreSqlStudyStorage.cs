using Npgsql;

namespace AttrHpo;

/// <summary>
/// Keeps studies on a PostgreSQL server: many studies share one database (or one schema of it, by the connection string's
/// <c>Search Path</c>), each by its name, and processes on any number of machines share a study through it with no process
/// in charge, as Optuna's RDB storage does. Every write is one short transaction that first locks its study's row, so that
/// handing out trial numbers and checking the budget are atomic across connections: no trial is lost, run twice, or over
/// the budget. A finished trial is committed, and flushed to the server's disk, before <see cref="FinishTrialAsync"/> returns;
/// so are parameters and enqueued trials. Writes that only coordinate workers (claims, the sampler lock, leases, intermediate
/// values) commit without waiting for the flush, which a server crash can undo only in ways the protocol repairs (see
/// docs/postgresql.md, "Durability").
/// </summary>
/// <remarks>
/// <para>
/// The tables are created on first use (a versioned schema, upgraded when an older one is found; a newer one is refused).
/// A connection lost mid-transaction, or a server restart, rolls the transaction back on the server; the operation is run
/// again until <see cref="PostgreSqlStudyStorageOptions.RetryTimeout"/>. Credentials come from the connection string or
/// Npgsql's environment variables (<c>PGPASSWORD</c>, <c>~/.pgpass</c>) and never appear in errors.
/// </para>
/// <para>One instance may be shared by every worker of a process; its operations run on a pool of connections.</para>
/// </remarks>
public sealed partial class PostgreSqlStudyStorage : IStudyStorage, IAsyncDisposable, IDisposable
{
    private const string Columns = PostgreSqlRows.TrialColumns;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _unflushedSource; // the same server, its sessions committing without a flush (Commit.Unflushed)
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _studyIds = new(StringComparer.Ordinal);
    private volatile bool _schemaReady;
    private volatile bool _disposed;

    /// <summary>Creates a storage for the server of <paramref name="connectionString"/>, with default options; nothing is connected until first use.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=db;Database=studies;Username=hpo</c>) or a <c>postgresql://</c> URI.</param>
    public PostgreSqlStudyStorage(string connectionString)
        : this(connectionString, new PostgreSqlStudyStorageOptions())
    {
    }

    /// <summary>Creates a storage for the server of <paramref name="connectionString"/>; nothing is connected until first use.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=db;Database=studies;Username=hpo</c>) or a <c>postgresql://</c> URI.</param>
    /// <param name="options">How the server is used.</param>
    public PostgreSqlStudyStorage(string connectionString, PostgreSqlStudyStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RetryTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RetryTimeout, "PostgreSqlStudyStorageOptions.RetryTimeout must be positive.");
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionStrings.Normalize(connectionString));
        Where = PostgreSqlConnectionStrings.Describe(builder);
        Options = options;
        _dataSource = NpgsqlDataSource.Create(builder);
        var unflushed = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        unflushed.Options = $"{unflushed.Options} -c synchronous_commit=off".TrimStart();
        _unflushedSource = NpgsqlDataSource.Create(unflushed);
    }

    /// <summary>The server, database and schema, without credentials: for messages.</summary>
    public string Where { get; }

    /// <summary>How the server is used.</summary>
    public PostgreSqlStudyStorageOptions Options { get; }

    /// <summary>Closes every pooled connection. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _unflushedSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every pooled connection. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        _dataSource.Dispose();
        _unflushedSource.Dispose();
    }

    private static Task<T> Done<T>(T value) => Task.FromResult(value);
}
