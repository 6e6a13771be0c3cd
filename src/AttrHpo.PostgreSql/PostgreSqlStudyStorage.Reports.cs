using Npgsql;

namespace AttrHpo;

/// <summary>A trial's reports: rows of <c>reports</c>, written while it runs and with its end, read with the trials that changed.</summary>
public sealed partial class PostgreSqlStudyStorage
{
    /// <inheritdoc />
    public ValueTask<TrialRecord> AddReportsAsync(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(reports);
        return RunAsync(
            (Study: study, Number: number, Attempt: attempt, Reports: reports),
            static (storage, s, a, ct) => storage.AddReports(s, a.Study, a.Number, a.Attempt, a.Reports, ct),
            cancellationToken,
            commit: Commit.Unflushed);
    }

    private async Task<TrialRecord> AddReports(PostgreSqlSession s, string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        await using (var lockStudy = s.Sql("SELECT version FROM studies WHERE id = @study FOR UPDATE").With("study", id))
        {
            await lockStudy.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var stored = await ReportsOf(s, id, number, ct).ConfigureAwait(false);
        var fresh = StoredReports.After(stored, reports);
        var touch = s.Sql(
            "UPDATE trials SET version = CASE WHEN @changed THEN @version ELSE version END " +
            $"WHERE study_id = @study AND number = @number AND state = 'Running' AND (@attempt::integer IS NULL OR starts = @attempt) RETURNING {Columns}")
            .With("changed", fresh.Count > 0).With("version", fresh.Count > 0 ? await NextVersion(s, id, ct).ConfigureAwait(false) : 0L)
            .With("study", id).With("number", number).With("attempt", attempt);
        var trial = await ReadOne(touch, ct).ConfigureAwait(false) ?? throw await NotRunning(s, id, study, number, attempt, ct).ConfigureAwait(false);
        await InsertReports(s, id, number, stored.Count, fresh, ct).ConfigureAwait(false);
        return trial with { Reports = [.. stored, .. fresh] };
    }

    /// <summary>The reports stored for one trial, in the order made.</summary>
    private static async Task<List<IntermediateValue>> ReportsOf(PostgreSqlSession s, long id, int number, CancellationToken ct)
    {
        var select = s.Sql("SELECT number, step, value FROM reports WHERE study_id = @study AND number = @number ORDER BY seq").With("study", id).With("number", number);
        return (await ReadReports(select, ct).ConfigureAwait(false)).GetValueOrDefault(number) ?? [];
    }

    /// <summary>Reads rows of (number, step, value) into each trial's reports, in the order read.</summary>
    private static async Task<Dictionary<int, List<IntermediateValue>>> ReadReports(NpgsqlCommand select, CancellationToken ct)
    {
        await using (select)
        {
            var byNumber = new Dictionary<int, List<IntermediateValue>>();
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var number = reader.GetInt32(0);
                if (!byNumber.TryGetValue(number, out var list))
                {
                    byNumber.Add(number, list = []);
                }

                list.Add(new IntermediateValue(reader.GetInt64(1), PostgreSqlRows.ReadReal(reader, 2) ?? double.NaN));
            }

            return byNumber;
        }
    }

    private static async Task InsertReports(PostgreSqlSession s, long id, int number, int firstSeq, IReadOnlyList<IntermediateValue> reports, CancellationToken ct)
    {
        for (var i = 0; i < reports.Count; i++)
        {
            await using var report = s.Sql("INSERT INTO reports (study_id, number, seq, step, value) VALUES (@study, @number, @seq, @step, @value)")
                .With("study", id).With("number", number).With("seq", firstSeq + i).With("step", reports[i].Step).With("value", reports[i].Value);
            await report.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the reports of a trial's earlier start, when it starts again.</summary>
    private static async Task DeleteReports(PostgreSqlSession s, long id, int number, CancellationToken ct)
    {
        await using var delete = s.Sql("DELETE FROM reports WHERE study_id = @study AND number = @number").With("study", id).With("number", number);
        await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Attaches their reports to changed trials that have any (read in the caller's snapshot).</summary>
    private static async Task AttachReports(PostgreSqlSession s, long id, long since, List<TrialRecord> trials, CancellationToken ct)
    {
        if (trials.Count == 0)
        {
            return;
        }

        var reports = s.Sql(
            "SELECT number, step, value FROM reports WHERE study_id = @study " +
            "AND number IN (SELECT number FROM trials WHERE study_id = @study AND version > @since) ORDER BY number, seq")
            .With("study", id).With("since", since);
        var byNumber = await ReadReports(reports, ct).ConfigureAwait(false);
        for (var i = 0; i < trials.Count; i++)
        {
            if (byNumber.TryGetValue(trials[i].Number, out var list))
            {
                trials[i] = trials[i] with { Reports = list };
            }
        }
    }
}
