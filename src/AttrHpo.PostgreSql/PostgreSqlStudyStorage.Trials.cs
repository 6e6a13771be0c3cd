using Npgsql;

namespace AttrHpo;

/// <summary>
/// The operations on studies and trials, each in the caller's transaction. Every write first bumps its study's version,
/// which locks the study's row until the commit: writes to one study run one at a time on the server, whatever machine
/// they come from, and each sees every write committed before it.
/// </summary>
public sealed partial class PostgreSqlStudyStorage
{
    private async Task<long> OpenStudy(PostgreSqlSession s, StudyIdentity study, CancellationToken ct)
    {
        var stored = await FindStudy(s, study.Name, ct).ConfigureAwait(false);
        if (stored is null)
        {
            await using var insert = s.Sql(
                "INSERT INTO studies (name, objective_id, direction, created, version, space) VALUES (@name, @objective, @direction, @created, 0, @space) " +
                "ON CONFLICT (name) DO NOTHING")
                .With("name", study.Name).With("objective", study.ObjectiveId).With("direction", StoredText.Direction(study.Direction))
                .With("created", PostgreSqlRows.Time(DateTimeOffset.UtcNow)).With("space", study.Space);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            stored = await FindStudy(s, study.Name, ct).ConfigureAwait(false)
                ?? throw new StudyStorageException($"The study '{study.Name}' could not be created at {Where}.");
        }

        StudyMismatch.Check(stored.Value.Identity, study);
        if (stored.Value.Identity.Space is null && study.Space is not null)
        {
            await using var adopt = s.Sql("UPDATE studies SET space = @space WHERE id = @id AND space IS NULL").With("space", study.Space).With("id", stored.Value.Id);
            await adopt.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        _studyIds[study.Name] = stored.Value.Id;
        return stored.Value.Id;
    }

    private async Task<TrialRecord?> StartTrial(PostgreSqlSession s, string study, TrialLease lease, int budget, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        var version = await NextVersion(s, id, ct).ConfigureAwait(false);
        var claim = s.Sql(
            "UPDATE trials SET state = 'Running', worker = @worker, lease_until = @lease, started = @started, starts = starts + 1, version = @version " +
            "WHERE study_id = @study AND number = (SELECT number FROM trials WHERE study_id = @study AND state = 'Waiting' ORDER BY number LIMIT 1) " +
            $"RETURNING {Columns}")
            .With("study", id).With("worker", lease.Worker).With("lease", PostgreSqlRows.LeaseMs(lease.LeaseUntil))
            .With("started", PostgreSqlRows.Time(lease.Now)).With("version", version);
        if (await ReadOne(claim, ct).ConfigureAwait(false) is { } claimed)
        {
            await DeleteReports(s, id, claimed.Number, ct).ConfigureAwait(false);
            return claimed;
        }

        var (next, cancelled) = await Count(s, id, ct).ConfigureAwait(false);
        if (next - cancelled >= budget)
        {
            s.Discard = true;
            return null;
        }

        var trial = ClaimedTrial.New(next, lease, version);
        await Insert(s, id, trial, version, ct).ConfigureAwait(false);
        return trial;
    }

    private async Task<TrialRecord> Enqueue(PostgreSqlSession s, string study, IReadOnlyList<double> point, string parametersJson, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        var version = await NextVersion(s, id, ct).ConfigureAwait(false);
        var trial = new TrialRecord
        {
            Number = (await Count(s, id, ct).ConfigureAwait(false)).Next,
            State = TrialState.Waiting,
            Point = [.. point],
            ParametersJson = parametersJson,
            Version = version,
        };
        await Insert(s, id, trial, version, ct).ConfigureAwait(false);
        return trial;
    }

    private async Task<TrialRecord> SetParameters(PostgreSqlSession s, string study, int number, TrialAssignment assignment, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        var version = await NextVersion(s, id, ct).ConfigureAwait(false);
        if (assignment.PromotedFrom is { } from)
        {
            await using var holder = s.Sql("SELECT number FROM trials WHERE study_id = @study AND promoted_from = @from AND number <> @number")
                .With("study", id).With("from", from).With("number", number);
            if (await holder.ExecuteScalarAsync(ct).ConfigureAwait(false) is int taken)
            {
                s.Discard = true;
                throw new PromotionTakenException(study, from, taken);
            }
        }

        var update = s.Sql(
            "UPDATE trials SET point = @point, parameters = @parameters, seed = @seed, budget = @budget, promoted_from = @from, version = @version " +
            $"WHERE study_id = @study AND number = @number AND state = 'Running' RETURNING {Columns}")
            .With("version", version).With("study", id).With("number", number).With("point", StoredText.Point(assignment.Point))
            .With("parameters", assignment.ParametersJson).With("seed", assignment.Seed).With("budget", assignment.Budget).With("from", assignment.PromotedFrom);
        return await ReadOne(update, ct).ConfigureAwait(false) ?? throw await NotRunning(s, id, study, number, null, ct).ConfigureAwait(false);
    }

    private async Task<int> RenewLeases(PostgreSqlSession s, string study, string worker, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        var version = await NextVersion(s, id, ct).ConfigureAwait(false);
        await using var renew = s.Sql("UPDATE trials SET lease_until = @lease, version = @version WHERE study_id = @study AND state = 'Running' AND worker = @worker")
            .With("version", version).With("study", id).With("worker", worker).With("lease", PostgreSqlRows.LeaseMs(leaseUntil));
        var renewed = await renew.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        s.Discard = renewed == 0;
        return renewed;
    }

    private async Task<TrialRecord> Finish(PostgreSqlSession s, string study, int number, TrialEnd outcome, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        var version = await NextVersion(s, id, ct).ConfigureAwait(false);

        // The reports stored while it ran, then the end's later ones: the value of a pruned trial told without one comes from them.
        var stored = await ReportsOf(s, id, number, ct).ConfigureAwait(false);
        var fresh = StoredReports.After(stored, outcome.Reports);
        IReadOnlyList<IntermediateValue> reports = [.. stored, .. fresh];
        var finish = s.Sql(
            "UPDATE trials SET state = @state, value = @value, error = @error, finished = @finished, attributes = @attributes, lease_until = NULL, version = @version " +
            $"WHERE study_id = @study AND number = @number AND state = 'Running' AND (@attempt::integer IS NULL OR starts = @attempt) RETURNING {Columns}")
            .With("attempt", outcome.Attempt).With("version", version).With("study", id).With("number", number)
            .With("state", StoredText.State(outcome.State)).With("value", StoredReports.EndValue(outcome, reports)).With("error", outcome.Error)
            .With("finished", PostgreSqlRows.Time(outcome.Finished)).With("attributes", TrialAttributes.ToJson(TrialAttributes.Copy(outcome.Attributes)));
        var trial = await ReadOne(finish, ct).ConfigureAwait(false) ?? throw await NotRunning(s, id, study, number, outcome.Attempt, ct).ConfigureAwait(false);
        await InsertReports(s, id, number, stored.Count, fresh, ct).ConfigureAwait(false);
        return trial with { Reports = reports };
    }

    private async Task<int> RecoverExpired(PostgreSqlSession s, string study, DateTimeOffset now, int maxStarts, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);

        // Every worker's heartbeat asks; look first without locking the study.
        await using (var any = s.Sql("SELECT EXISTS (SELECT 1 FROM trials WHERE study_id = @study AND state = 'Running' AND lease_until < @now)")
            .With("study", id).With("now", now.ToUnixTimeMilliseconds()))
        {
            if (!(bool)(await any.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                return 0;
            }
        }

        var version = await NextVersion(s, id, ct).ConfigureAwait(false);
        var select = s.Sql($"SELECT {Columns} FROM trials WHERE study_id = @study AND state = 'Running' AND lease_until < @now ORDER BY number")
            .With("study", id).With("now", now.ToUnixTimeMilliseconds());
        var expired = await ReadAll(select, ct).ConfigureAwait(false);
        if (expired.Count == 0)
        {
            s.Discard = true;
            return 0;
        }

        foreach (var trial in expired)
        {
            var recovered = ExpiredTrials.Recover(trial, now, maxStarts);
            await using var update = s.Sql(
                "UPDATE trials SET state = @state, worker = @worker, lease_until = @lease, finished = @finished, error = @error, version = @version " +
                "WHERE study_id = @study AND number = @number")
                .With("study", id).With("number", recovered.Number).With("state", StoredText.State(recovered.State)).With("worker", recovered.Worker)
                .With("lease", PostgreSqlRows.LeaseMs(recovered.LeaseUntil)).With("finished", PostgreSqlRows.Time(recovered.Finished))
                .With("error", recovered.Error).With("version", version);
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return expired.Count;
    }

    private async Task<TrialChanges> GetChanges(PostgreSqlSession s, string study, long since, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false); // one snapshot (REPEATABLE READ): the version and the trials it covers
        long version;
        await using (var current = s.Sql("SELECT version FROM studies WHERE id = @study").With("study", id))
        {
            version = (long)(await current.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        var select = s.Sql($"SELECT {Columns} FROM trials WHERE study_id = @study AND version > @since ORDER BY number").With("study", id).With("since", since);
        var trials = await ReadAll(select, ct).ConfigureAwait(false);
        await AttachReports(s, id, since, trials, ct).ConfigureAwait(false);
        return new TrialChanges(trials, version);
    }
}
