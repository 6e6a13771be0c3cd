using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    /// <summary>Runs one operation on the open file, alone, retrying it whole while other processes hold the file, up to the busy timeout.</summary>
    private async ValueTask<TResult> RunAsync<TState, TResult>(TState state, Func<SqliteStudyStorage, TState, TResult> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var started = Stopwatch.GetTimestamp();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Open();
                    return operation(this, state);
                }
                catch (SqliteException exception) when (SqliteRetry.IsTransient(exception))
                {
                    Abandon();
                    var pause = SqliteRetry.Pause(attempt, Options.BusyTimeout - Stopwatch.GetElapsedTime(started))
                        ?? throw SqliteRetry.Exhausted(Path, Options.BusyTimeout, exception);
                    await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException exception)
                {
                    Abandon();
                    throw Failure(exception);
                }
                catch (Exception exception) when (exception is FormatException or OverflowException or InvalidCastException)
                {
                    Abandon();
                    throw new StudyStorageException(
                        $"The study file '{Path}' holds a value this version cannot read ({exception.Message}); was it edited by hand? " +
                        "This operation wrote nothing.",
                        exception);
                }
                finally
                {
                    Abandon();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens the file on first use: checks it, gives a new or empty file the schema, and sets the connection up.</summary>
    private void Open()
    {
        if (_connection is not null)
        {
            return;
        }

        SqliteSchema.CheckHeader(Path);
        var exists = File.Exists(Path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = exists ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // closing must really close the file, so that its -wal and -shm files go with it
            DefaultTimeout = 1, // Microsoft.Data.Sqlite's own busy loop (150 ms sleeps on this thread) gives up after 1 s and leaves waiting to SqliteRetry
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)SqliteRetry.AttemptWait.TotalMilliseconds}");

            // Only reads until the file is known to be ours: a refused file is left exactly as it was.
            if (SqliteSchema.Inspect(connection, Path) != SqliteSchema.Contents.Current)
            {
                Execute(connection, "PRAGMA journal_mode = WAL");
                Execute(connection, "BEGIN IMMEDIATE");
                try
                {
                    // Another process may have created or upgraded the schema since the first look.
                    switch (SqliteSchema.Inspect(connection, Path))
                    {
                        case SqliteSchema.Contents.Empty:
                            SqliteSchema.Create(connection);
                            break;
                        case SqliteSchema.Contents.Outdated:
                            SqliteSchema.Upgrade(connection);
                            break;
                    }

                    Execute(connection, "COMMIT");
                }
                catch
                {
                    TryRollback(connection);
                    throw;
                }
            }
            else
            {
                Execute(connection, "PRAGMA journal_mode = WAL");
            }

            Execute(connection, Options.Synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            _connection = connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private long OpenStudy(StudyIdentity study)
    {
        var stored = FindStudy(study.Name);
        if (stored is null)
        {
            Begin();
            var insert = Sql("INSERT INTO studies (name, objective_id, direction, created, version, space) VALUES ($name, $objective, $direction, $created, 0, $space) ON CONFLICT (name) DO NOTHING");
            insert.Parameters.AddWithValue("$space", (object?)study.Space ?? DBNull.Value);
            insert.Parameters.AddWithValue("$name", study.Name);
            insert.Parameters.AddWithValue("$objective", study.ObjectiveId);
            insert.Parameters.AddWithValue("$direction", SqliteRows.Direction(study.Direction));
            insert.Parameters.AddWithValue("$created", SqliteRows.Time(DateTimeOffset.UtcNow));
            insert.ExecuteNonQuery();
            Commit();
            stored = FindStudy(study.Name) ?? throw new StudyStorageException($"The study '{study.Name}' could not be created in '{Path}'.");
        }

        StudyMismatch.Check(stored.Value.Identity, study);
        if (stored.Value.Identity.Space is null && study.Space is not null)
        {
            // A study of an older file: it takes the space it is opened with from now on.
            Begin();
            var adopt = Sql("UPDATE studies SET space = $space WHERE id = $id AND space IS NULL");
            adopt.Parameters.AddWithValue("$space", study.Space);
            adopt.Parameters.AddWithValue("$id", stored.Value.Id);
            adopt.ExecuteNonQuery();
            Commit();
        }

        _studyIds[study.Name] = stored.Value.Id;
        return stored.Value.Id;
    }

    private TrialRecord? StartTrial(string study, TrialLease lease, int budget)
    {
        var id = StudyId(study);
        Begin();
        var version = NextVersion(id);
        var claim = Sql(
            "UPDATE trials SET state = 'Running', worker = $worker, lease_until = $lease, started = $started, starts = starts + 1, version = $version " +
            "WHERE study_id = $study AND number = (SELECT number FROM trials WHERE study_id = $study AND state = 'Waiting' ORDER BY number LIMIT 1) " +
            $"RETURNING {Columns}");
        claim.Parameters.AddWithValue("$study", id);
        claim.Parameters.AddWithValue("$worker", lease.Worker);
        claim.Parameters.AddWithValue("$lease", SqliteRows.LeaseMs(lease.LeaseUntil));
        claim.Parameters.AddWithValue("$started", SqliteRows.Time(lease.Now));
        claim.Parameters.AddWithValue("$version", version);
        if (ReadOne(claim) is { } claimed)
        {
            DeleteReports(id, claimed.Number);
            Commit();
            return claimed;
        }

        var (next, cancelled) = Count(id);
        if (next - cancelled >= budget)
        {
            Rollback();
            return null;
        }

        var trial = new TrialRecord
        {
            Number = next,
            State = TrialState.Running,
            Point = [],
            ParametersJson = string.Empty,
            Worker = lease.Worker,
            Starts = 1,
            LeaseUntil = DateTimeOffset.FromUnixTimeMilliseconds(lease.LeaseUntil.ToUnixTimeMilliseconds()),
            Started = lease.Now,
            Version = version,
        };
        Insert(id, trial, version);
        Commit();
        return trial;
    }

    private TrialRecord Enqueue(string study, IReadOnlyList<double> point, string parametersJson)
    {
        var id = StudyId(study);
        Begin();
        var version = NextVersion(id);
        var trial = new TrialRecord { Number = Count(id).Next, State = TrialState.Waiting, Point = [.. point], ParametersJson = parametersJson, Version = version };
        Insert(id, trial, version);
        Commit();
        return trial;
    }

    private TrialRecord SetParameters(string study, int number, TrialAssignment assignment)
    {
        var id = StudyId(study);
        Begin();
        if (assignment.PromotedFrom is { } from)
        {
            var holder = Sql("SELECT number FROM trials WHERE study_id = $study AND promoted_from = $from AND number <> $number");
            holder.Parameters.AddWithValue("$study", id);
            holder.Parameters.AddWithValue("$from", from);
            holder.Parameters.AddWithValue("$number", number);
            if (holder.ExecuteScalar() is long taken)
            {
                Rollback();
                throw new PromotionTakenException(study, from, (int)taken);
            }
        }

        var update = Sql(
            "UPDATE trials SET point = $point, parameters = $parameters, seed = $seed, budget = $budget, promoted_from = $from, version = $version " +
            $"WHERE study_id = $study AND number = $number AND state = 'Running' RETURNING {Columns}");
        update.Parameters.AddWithValue("$version", NextVersion(id));
        update.Parameters.AddWithValue("$study", id);
        update.Parameters.AddWithValue("$number", number);
        update.Parameters.AddWithValue("$point", SqliteRows.Point(assignment.Point));
        update.Parameters.AddWithValue("$parameters", assignment.ParametersJson);
        update.Parameters.AddWithValue("$seed", assignment.Seed);
        update.Parameters.AddWithValue("$budget", (object?)assignment.Budget ?? DBNull.Value);
        update.Parameters.AddWithValue("$from", (object?)assignment.PromotedFrom ?? DBNull.Value);
        var trial = ReadOne(update) ?? throw NotRunning(id, study, number);
        Commit();
        return trial;
    }

    private int RenewLeases(string study, string worker, DateTimeOffset leaseUntil)
    {
        var id = StudyId(study);
        Begin();
        var renew = Sql("UPDATE trials SET lease_until = $lease, version = $version WHERE study_id = $study AND state = 'Running' AND worker = $worker");
        renew.Parameters.AddWithValue("$version", NextVersion(id));
        renew.Parameters.AddWithValue("$study", id);
        renew.Parameters.AddWithValue("$worker", worker);
        renew.Parameters.AddWithValue("$lease", SqliteRows.LeaseMs(leaseUntil));
        var renewed = renew.ExecuteNonQuery();
        if (renewed == 0)
        {
            Rollback();
        }
        else
        {
            Commit();
        }

        return renewed;
    }

    private TrialRecord Finish(string study, int number, TrialEnd outcome)
    {
        var id = StudyId(study);
        Begin();
        var finish = Sql(
            "UPDATE trials SET state = $state, value = $value, error = $error, finished = $finished, attributes = $attributes, lease_until = NULL, version = $version " +
            $"WHERE study_id = $study AND number = $number AND state = 'Running' AND ($attempt IS NULL OR starts = $attempt) RETURNING {Columns}");
        finish.Parameters.AddWithValue("$attempt", (object?)outcome.Attempt ?? DBNull.Value);
        finish.Parameters.AddWithValue("$version", NextVersion(id));
        finish.Parameters.AddWithValue("$study", id);
        finish.Parameters.AddWithValue("$number", number);
        finish.Parameters.AddWithValue("$state", SqliteRows.State(outcome.State));
        finish.Parameters.AddWithValue("$value", SqliteRows.Real(outcome.Value));
        finish.Parameters.AddWithValue("$error", (object?)outcome.Error ?? DBNull.Value);
        finish.Parameters.AddWithValue("$finished", SqliteRows.Time(outcome.Finished));
        finish.Parameters.AddWithValue("$attributes", (object?)TrialAttributes.ToJson(TrialAttributes.Copy(outcome.Attributes)) ?? DBNull.Value);
        var trial = ReadOne(finish) ?? throw NotRunning(id, study, number, outcome.Attempt);
        var stored = ReportsOf(id, number);
        var fresh = StoredReports.After(stored, outcome.Reports);
        InsertReports(id, number, stored.Count, fresh);
        IReadOnlyList<IntermediateValue> reports = [.. stored, .. fresh];
        if (outcome.Value is null && StoredReports.EndValue(outcome, reports) is { } last)
        {
            var value = Sql("UPDATE trials SET value = $value WHERE study_id = $study AND number = $number");
            value.Parameters.AddWithValue("$value", SqliteRows.Real(last));
            value.Parameters.AddWithValue("$study", id);
            value.Parameters.AddWithValue("$number", number);
            value.ExecuteNonQuery();
            trial = trial with { Value = last };
        }

        Commit();
        return trial with { Reports = [.. reports] };
    }

    private int RecoverExpired(string study, DateTimeOffset now, int maxStarts)
    {
        var id = StudyId(study);

        // Every worker's heartbeat asks; look first without taking the write lock.
        var any = Sql("SELECT EXISTS (SELECT 1 FROM trials WHERE study_id = $study AND state = 'Running' AND lease_until < $now)");
        any.Parameters.AddWithValue("$study", id);
        any.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        if (Convert.ToInt64(any.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        Begin();
        var select = Sql($"SELECT {Columns} FROM trials WHERE study_id = $study AND state = 'Running' AND lease_until < $now ORDER BY number");
        select.Parameters.AddWithValue("$study", id);
        select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        var expired = ReadAll(select);
        if (expired.Count == 0)
        {
            Rollback();
            return 0;
        }

        var version = NextVersion(id);
        foreach (var trial in expired)
        {
            var recovered = ExpiredTrials.Recover(trial, now, maxStarts);
            var update = Sql(
                "UPDATE trials SET state = $state, worker = $worker, lease_until = $lease, finished = $finished, error = $error, version = $version " +
                "WHERE study_id = $study AND number = $number");
            update.Parameters.AddWithValue("$study", id);
            update.Parameters.AddWithValue("$number", recovered.Number);
            update.Parameters.AddWithValue("$state", SqliteRows.State(recovered.State));
            update.Parameters.AddWithValue("$worker", recovered.Worker);
            update.Parameters.AddWithValue("$lease", SqliteRows.LeaseMs(recovered.LeaseUntil));
            update.Parameters.AddWithValue("$finished", SqliteRows.Time(recovered.Finished));
            update.Parameters.AddWithValue("$error", (object?)recovered.Error ?? DBNull.Value);
            update.Parameters.AddWithValue("$version", version);
            update.ExecuteNonQuery();
        }

        Commit();
        return expired.Count;
    }

    private TrialChanges GetChanges(string study, long since)
    {
        var id = StudyId(study);
        Begin(write: false); // one snapshot: the version and the trials it covers
        var current = Sql("SELECT version FROM studies WHERE id = $study");
        current.Parameters.AddWithValue("$study", id);
        var version = Convert.ToInt64(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var select = Sql($"SELECT {Columns} FROM trials WHERE study_id = $study AND version > $since ORDER BY number");
        select.Parameters.AddWithValue("$study", id);
        select.Parameters.AddWithValue("$since", since);
        var trials = ReadAll(select);
        AttachReports(id, since, trials);
        Commit();
        return new TrialChanges(trials, version);
    }

    private (long Id, StudyIdentity Identity)? FindStudy(string name)
    {
        var find = Sql("SELECT id, objective_id, direction, space FROM studies WHERE name = $name");
        find.Parameters.AddWithValue("$name", name);
        using var reader = find.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new StudyIdentity(name, reader.GetString(1), SqliteRows.ParseDirection(reader.GetString(2))) { Space = reader.IsDBNull(3) ? null : reader.GetString(3) })
            : null;
    }

    private long StudyId(string name)
    {
        if (_studyIds.TryGetValue(name, out var id))
        {
            return id;
        }

        // Another process may have created it: studies are looked up in the file, not only in what this instance opened.
        var found = FindStudy(name) ?? throw new StudyStorageException($"No study is named '{name}' in '{Path}'; open it with OpenStudyAsync first.");
        _studyIds[name] = found.Id;
        return found.Id;
    }

    /// <summary>Bumps the study's version, in the caller's write transaction, for the trials the transaction changes.</summary>
    private long NextVersion(long id)
    {
        var bump = Sql("UPDATE studies SET version = version + 1 WHERE id = $study RETURNING version");
        bump.Parameters.AddWithValue("$study", id);
        return Convert.ToInt64(bump.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The study's next trial number (numbers are dense), and how many of its trials are cancelled.</summary>
    private (int Next, int Cancelled) Count(long id)
    {
        var count = Sql(
            "SELECT COALESCE(MAX(number) + 1, 0), (SELECT COUNT(*) FROM trials WHERE study_id = $study AND state = 'Cancelled') " +
            "FROM trials WHERE study_id = $study");
        count.Parameters.AddWithValue("$study", id);
        using var reader = count.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private void Insert(long id, TrialRecord trial, long version)
    {
        var insert = Sql(
            "INSERT INTO trials (study_id, number, state, point, parameters, seed, value, error, worker, starts, lease_until, started, finished, attributes, budget, promoted_from, version) " +
            "VALUES ($study, $number, $state, $point, $parameters, $seed, $value, $error, $worker, $starts, $lease, $started, $finished, $attributes, $budget, $from, $version)");
        insert.Parameters.AddWithValue("$study", id);
        insert.Parameters.AddWithValue("$number", trial.Number);
        insert.Parameters.AddWithValue("$state", SqliteRows.State(trial.State));
        insert.Parameters.AddWithValue("$point", SqliteRows.Point(trial.Point));
        insert.Parameters.AddWithValue("$parameters", trial.ParametersJson);
        insert.Parameters.AddWithValue("$seed", trial.Seed);
        insert.Parameters.AddWithValue("$value", SqliteRows.Real(trial.Value));
        insert.Parameters.AddWithValue("$error", (object?)trial.Error ?? DBNull.Value);
        insert.Parameters.AddWithValue("$worker", trial.Worker);
        insert.Parameters.AddWithValue("$starts", trial.Starts);
        insert.Parameters.AddWithValue("$lease", SqliteRows.LeaseMs(trial.LeaseUntil));
        insert.Parameters.AddWithValue("$started", SqliteRows.Time(trial.Started));
        insert.Parameters.AddWithValue("$finished", SqliteRows.Time(trial.Finished));
        insert.Parameters.AddWithValue("$attributes", (object?)TrialAttributes.ToJson(trial.Attributes) ?? DBNull.Value);
        insert.Parameters.AddWithValue("$budget", (object?)trial.Budget ?? DBNull.Value);
        insert.Parameters.AddWithValue("$from", (object?)trial.PromotedFrom ?? DBNull.Value);
        insert.Parameters.AddWithValue("$version", version);
        insert.ExecuteNonQuery();
    }

    /// <summary>Explains why a trial could not be changed; the caller's transaction is rolled back first.</summary>
    private StudyStorageException NotRunning(long id, string study, int number, int? attempt = null)
    {
        Rollback();
        var starts = Sql("SELECT starts FROM trials WHERE study_id = $study AND number = $number AND state = 'Running'");
        starts.Parameters.AddWithValue("$study", id);
        starts.Parameters.AddWithValue("$number", number);
        if (attempt is { } start && starts.ExecuteScalar() is long current && current != start)
        {
            return new StudyStorageException(TrialMessages.StartedAgain(study, number, start, (int)current));
        }

        var state = Sql("SELECT state FROM trials WHERE study_id = $study AND number = $number");
        state.Parameters.AddWithValue("$study", id);
        state.Parameters.AddWithValue("$number", number);
        return state.ExecuteScalar() is string text
            ? new StudyStorageException(TrialMessages.NotRunning(study, number, SqliteRows.ParseState(text)))
            : new StudyStorageException($"Study '{study}' has no trial {number}.");
    }

    private static TrialRecord? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteRows.ReadTrial(reader) : null;
    }

    private static List<TrialRecord> ReadAll(SqliteCommand command)
    {
        var trials = new List<TrialRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            trials.Add(SqliteRows.ReadTrial(reader));
        }

        return trials;
    }

    /// <summary>A cached command (SQLite keeps it prepared), its parameters cleared.</summary>
    private SqliteCommand Sql(string text)
    {
        if (_commands.TryGetValue(text, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = _connection!.CreateCommand();
        command.CommandText = text;
        _commands.Add(text, command);
        return command;
    }

    /// <summary>
    /// Starts a transaction: a write transaction takes the file's write lock now, so that it never fails half-way for want of it.
    /// While another process holds the lock, SQLite's busy handler waits only <see cref="SqliteRetry.AttemptWait"/> on this
    /// thread before SQLITE_BUSY comes back, and <see cref="RunAsync"/> waits asynchronously before trying again. (Run through
    /// Microsoft.Data.Sqlite, a busy statement is retried on the calling thread, which sleeps 150 ms at a time.)
    /// </summary>
    private void Begin(bool write = true)
    {
        if (write)
        {
            var handle = _connection!.Handle;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(handle, "BEGIN IMMEDIATE"), handle);
        }
        else
        {
            Sql("BEGIN").ExecuteNonQuery();
        }

        _inTransaction = true;
    }

    private void Commit()
    {
        Sql("COMMIT").ExecuteNonQuery();
        _inTransaction = false;
    }

    private void Rollback()
    {
        if (_inTransaction)
        {
            _inTransaction = false;
            TryRollback(_connection!);
        }
    }

    /// <summary>Rolls back whatever an interrupted operation left open; nothing of it is written.</summary>
    private void Abandon()
    {
        if (_inTransaction && _connection is not null)
        {
            Rollback();
        }

        _inTransaction = false;
    }

    private static void TryRollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open (SQLite already rolled it back), or the connection is broken: nothing was committed either way.
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private StudyStorageException Failure(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        11 or 26 => SqliteSchema.NotUsable(Path, $"it is corrupt or not a database ({exception.Message})", exception),
        14 => new StudyStorageException(
            $"Cannot open or create the study file '{Path}' ({exception.Message}). Check that its folder exists and that this process " +
            "may read and write there: SQLite also creates the -wal and -shm files beside it.",
            exception),
        8 or 23 => new StudyStorageException(
            $"The study file '{Path}' cannot be written ({exception.Message}). Make it and its folder writable, or give the study another file.",
            exception),
        13 => new StudyStorageException($"The disk that holds the study file '{Path}' is full; this operation wrote nothing. Free some space and run again.", exception),
        _ => new StudyStorageException($"The study file '{Path}' failed: {exception.Message}. This operation wrote nothing.", exception),
    };

    private void Close()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }
}
