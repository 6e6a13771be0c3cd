using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AttrHpo;

/// <summary>The connection: opening the file, running each operation alone with retries, transactions, failures, closing.</summary>
public sealed partial class SqliteStudyStorage
{
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
        if (Options.ReadOnly && !exists)
        {
            throw new StudyStorageException(
                $"The study file '{Path}' does not exist, and a read-only storage (SqliteStudyStorageOptions.ReadOnly) never creates one. " +
                "Check the path, or run a study on the file first.",
                new FileNotFoundException($"The study file '{Path}' does not exist.", Path));
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = Options.ReadOnly ? SqliteOpenMode.ReadOnly : exists ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // closing must really close the file, so that its -wal and -shm files go with it
            DefaultTimeout = 1, // Microsoft.Data.Sqlite's own busy loop (150 ms sleeps on this thread) gives up after 1 s and leaves waiting to SqliteRetry
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)SqliteRetry.AttemptWait.TotalMilliseconds}");

            // Only reads until the file is known to be ours: a refused file is left exactly as it was.
            var contents = SqliteSchema.Inspect(connection, Path);
            if (Options.ReadOnly)
            {
                // Nothing is set up: the file is read as it is, and any write fails (SQLITE_READONLY).
                _connection = contents == SqliteSchema.Contents.Current ? connection : throw SqliteSchema.NotReadable(Path, contents);
                return;
            }

            if (contents != SqliteSchema.Contents.Current)
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
