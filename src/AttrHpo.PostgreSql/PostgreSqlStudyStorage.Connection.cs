using System.Data;
using Npgsql;

namespace AttrHpo;

/// <summary>
/// How operations reach the server: each runs as one transaction on a pooled connection, and a transaction that failed
/// because the connection was lost, the server restarted, or it lost a serialization race is run again whole until
/// <see cref="PostgreSqlStudyStorageOptions.RetryTimeout"/>. Errors name the server, never its credentials.
/// </summary>
public sealed partial class PostgreSqlStudyStorage
{
    private delegate Task<TResult> Work<TState, TResult>(PostgreSqlStudyStorage storage, PostgreSqlSession session, TState state, CancellationToken cancellationToken);

    private async ValueTask<TResult> RunAsync<TState, TResult>(
        TState state,
        Work<TState, TResult> work,
        CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted,
        bool needsSchema = true,
        Commit commit = Commit.Flushed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var deadline = DateTimeOffset.UtcNow + Options.RetryTimeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var source = commit == Commit.Unflushed && !Options.ReadOnly ? _unflushedSource : _dataSource;
                await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken).ConfigureAwait(false);
                var session = new PostgreSqlSession(connection, transaction);
                if (Options.ReadOnly)
                {
                    await ReadOnlyAsync(session, needsSchema, cancellationToken).ConfigureAwait(false);
                }
                else if (!_schemaReady)
                {
                    await PostgreSqlSchema.EnsureAsync(session, Where, cancellationToken).ConfigureAwait(false);
                }

                var result = await work(this, session, state, cancellationToken).ConfigureAwait(false);
                if (session.Discard)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                _schemaReady = !session.NoSchema;
                return result;
            }
            catch (Exception exception) when (PostgreSqlRetry.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                if (PostgreSqlRetry.Pause(attempt, deadline - DateTimeOffset.UtcNow) is not { } pause)
                {
                    throw new StudyStorageException(
                        $"The PostgreSQL server at {Where} could not be used for {Options.RetryTimeout.TotalSeconds:0.#} s " +
                        $"(PostgreSqlStudyStorageOptions.RetryTimeout): {exception.Message}. This operation was not done.",
                        exception);
                }

                if (exception is NpgsqlException { IsTransient: true })
                {
                    _dataSource.Clear(); // idle connections of a restarted server are dead too
                    _unflushedSource.Clear();
                }

                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StudyStorageException($"The PostgreSQL server at {Where} failed: {exception.Message}. This operation wrote nothing.", exception);
            }
        }
    }

    /// <summary>
    /// Makes the transaction read-only and, until the tables have been seen, checks that they exist without creating them: a
    /// database without them holds no studies (<see cref="PostgreSqlSession.NoSchema"/> for a listing, a refusal otherwise).
    /// </summary>
    private async Task ReadOnlyAsync(PostgreSqlSession session, bool needsSchema, CancellationToken cancellationToken)
    {
        await using (var readOnly = session.Sql("SET TRANSACTION READ ONLY"))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_schemaReady || await PostgreSqlSchema.CheckAsync(session, Where, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        session.NoSchema = true;
        if (needsSchema)
        {
            throw new StudyStorageException(
                $"The PostgreSQL database at {Where} holds no AttrHpo studies: it has none of AttrHpo's tables, and a read-only storage " +
                "(PostgreSqlStudyStorageOptions.ReadOnly) does not create them. Check the database (and search path) named, or run a study on it first.");
        }
    }

    /// <summary>
    /// Whether an operation's commit waits for the server to flush it to disk (unflushed ones run on connections opened with
    /// <c>synchronous_commit=off</c>, so choosing costs no round trip). Results, parameters, enqueued trials and studies
    /// are flushed: once written, a server crash cannot take them back. Writes that only coordinate workers are not (claiming a
    /// trial, the sampler lock, lease renewals and recovery, intermediate values): they are visible to every connection at once
    /// as usual, and a server crash can lose only the last of them (PostgreSQL's asynchronous commit: the log is written in
    /// order, so every flushed commit also flushes the ones before it). What such a loss undoes, the protocol repairs: a lost
    /// claim leaves its trial waiting or unnumbered, and the trial is handed out only after its parameters' flushed write; a
    /// lost lock or recovery is taken or done again; a lost renewal ends a lease early, so the trial runs again elsewhere and
    /// the first worker's result is refused; lost reports come again with the trial's result. Each flush costs a disk sync
    /// (about 6 ms on the 2-core VM of docs/benchmarks.md), so this takes three of a trial's five syncs off its path.
    /// </summary>
    private enum Commit
    {
        Flushed,
        Unflushed,
    }
}
