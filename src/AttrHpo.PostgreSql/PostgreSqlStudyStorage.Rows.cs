using Npgsql;

namespace AttrHpo;

/// <summary>The statements the operations share: finding a study, bumping its version, counting, inserting and reading trials.</summary>
public sealed partial class PostgreSqlStudyStorage
{
    private static async Task<(long Id, StudyIdentity Identity)?> FindStudy(PostgreSqlSession s, string name, CancellationToken ct)
    {
        await using var find = s.Sql("SELECT id, objective_id, direction, space FROM studies WHERE name = @name").With("name", name);
        await using var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? (reader.GetInt64(0), new StudyIdentity(name, reader.GetString(1), StoredText.ParseDirection(reader.GetString(2))) { Space = reader.IsDBNull(3) ? null : reader.GetString(3) })
            : null;
    }

    private async Task<long> StudyId(PostgreSqlSession s, string name, CancellationToken ct)
    {
        if (_studyIds.TryGetValue(name, out var id))
        {
            return id;
        }

        // Another process may have created it: studies are looked up on the server, not only in what this instance opened.
        var found = await FindStudy(s, name, ct).ConfigureAwait(false)
            ?? throw new StudyStorageException($"No study is named '{name}' at {Where}; open it with OpenStudyAsync first.");
        _studyIds[name] = found.Id;
        return found.Id;
    }

    /// <summary>Bumps the study's version for the trials the transaction changes, locking the study's row until the transaction ends.</summary>
    private static async Task<long> NextVersion(PostgreSqlSession s, long id, CancellationToken ct)
    {
        await using var bump = s.Sql("UPDATE studies SET version = version + 1 WHERE id = @study RETURNING version").With("study", id);
        return (long)(await bump.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The study's next trial number (numbers are dense), and how many of its trials are cancelled.</summary>
    private static async Task<(int Next, int Cancelled)> Count(PostgreSqlSession s, long id, CancellationToken ct)
    {
        await using var count = s.Sql(
            "SELECT COALESCE(MAX(number) + 1, 0)::integer, (SELECT COUNT(*) FROM trials WHERE study_id = @study AND state = 'Cancelled')::integer " +
            "FROM trials WHERE study_id = @study").With("study", id);
        await using var reader = await count.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task Insert(PostgreSqlSession s, long id, TrialRecord trial, long version, CancellationToken ct)
    {
        await using var insert = s.Sql(
            "INSERT INTO trials (study_id, number, state, point, parameters, seed, value, error, worker, starts, lease_until, started, finished, attributes, budget, promoted_from, version) " +
            "VALUES (@study, @number, @state, @point, @parameters, @seed, @value, @error, @worker, @starts, @lease, @started, @finished, @attributes, @budget, @from, @version)")
            .With("study", id).With("number", trial.Number).With("state", StoredText.State(trial.State)).With("point", StoredText.Point(trial.Point))
            .With("parameters", trial.ParametersJson).With("seed", trial.Seed).With("value", trial.Value).With("error", trial.Error)
            .With("worker", trial.Worker).With("starts", trial.Starts).With("lease", PostgreSqlRows.LeaseMs(trial.LeaseUntil))
            .With("started", PostgreSqlRows.Time(trial.Started)).With("finished", PostgreSqlRows.Time(trial.Finished))
            .With("attributes", TrialAttributes.ToJson(trial.Attributes)).With("budget", trial.Budget).With("from", trial.PromotedFrom)
            .With("version", version);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Explains why a trial could not be changed; the caller's transaction is rolled back as the error leaves it.</summary>
    private static async Task<StudyStorageException> NotRunning(PostgreSqlSession s, long id, string study, int number, int? attempt, CancellationToken ct)
    {
        s.Discard = true;
        await using var read = s.Sql("SELECT state, starts FROM trials WHERE study_id = @study AND number = @number").With("study", id).With("number", number);
        await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return new StudyStorageException($"Study '{study}' has no trial {number}.");
        }

        var state = StoredText.ParseState(reader.GetString(0));
        var starts = reader.GetInt32(1);
        return attempt is { } start && state == TrialState.Running && starts != start
            ? new StudyStorageException(TrialMessages.StartedAgain(study, number, start, starts))
            : new StudyStorageException(TrialMessages.NotRunning(study, number, state));
    }

    private static async Task<TrialRecord?> ReadOne(NpgsqlCommand command, CancellationToken ct)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? PostgreSqlRows.ReadTrial(reader) : null;
        }
    }

    private static async Task<List<TrialRecord>> ReadAll(NpgsqlCommand command, CancellationToken ct)
    {
        await using (command)
        {
            var trials = new List<TrialRecord>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                trials.Add(PostgreSqlRows.ReadTrial(reader));
            }

            return trials;
        }
    }
}
