using Microsoft.Data.Sqlite;

namespace AttrHpo;

/// <summary>The operations on studies and trials, each one transaction on the open connection.</summary>
public sealed partial class SqliteStudyStorage
{
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
            insert.Parameters.AddWithValue("$direction", StoredText.Direction(study.Direction));
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

        var trial = ClaimedTrial.New(next, lease, version);
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
        update.Parameters.AddWithValue("$point", StoredText.Point(assignment.Point));
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

        // The reports stored while it ran, then the end's later ones: the value of a pruned trial told without one comes from them.
        var stored = ReportsOf(id, number);
        var fresh = StoredReports.After(stored, outcome.Reports);
        IReadOnlyList<IntermediateValue> reports = [.. stored, .. fresh];
        var finish = Sql(
            "UPDATE trials SET state = $state, value = $value, error = $error, finished = $finished, attributes = $attributes, lease_until = NULL, version = $version " +
            $"WHERE study_id = $study AND number = $number AND state = 'Running' AND ($attempt IS NULL OR starts = $attempt) RETURNING {Columns}");
        finish.Parameters.AddWithValue("$attempt", (object?)outcome.Attempt ?? DBNull.Value);
        finish.Parameters.AddWithValue("$version", NextVersion(id));
        finish.Parameters.AddWithValue("$study", id);
        finish.Parameters.AddWithValue("$number", number);
        finish.Parameters.AddWithValue("$state", StoredText.State(outcome.State));
        finish.Parameters.AddWithValue("$value", SqliteRows.Real(StoredReports.EndValue(outcome, reports)));
        finish.Parameters.AddWithValue("$error", (object?)outcome.Error ?? DBNull.Value);
        finish.Parameters.AddWithValue("$finished", SqliteRows.Time(outcome.Finished));
        finish.Parameters.AddWithValue("$attributes", (object?)TrialAttributes.ToJson(TrialAttributes.Copy(outcome.Attributes)) ?? DBNull.Value);
        var trial = ReadOne(finish) ?? throw NotRunning(id, study, number, outcome.Attempt);
        InsertReports(id, number, stored.Count, fresh);
        Commit();
        return trial with { Reports = reports };
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
            update.Parameters.AddWithValue("$state", StoredText.State(recovered.State));
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
            ? (reader.GetInt64(0), new StudyIdentity(name, reader.GetString(1), StoredText.ParseDirection(reader.GetString(2))) { Space = reader.IsDBNull(3) ? null : reader.GetString(3) })
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
        insert.Parameters.AddWithValue("$state", StoredText.State(trial.State));
        insert.Parameters.AddWithValue("$point", StoredText.Point(trial.Point));
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
            ? new StudyStorageException(TrialMessages.NotRunning(study, number, StoredText.ParseState(text)))
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
}
