using Microsoft.Data.Sqlite;

namespace AttrHpo;

/// <summary>A trial's reports: rows of <c>reports</c>, written while it runs and with its end, read with the trials that changed.</summary>
public sealed partial class SqliteStudyStorage
{
    /// <inheritdoc />
    public ValueTask<TrialRecord> AddReportsAsync(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(reports);
        return RunAsync((Study: study, Number: number, Attempt: attempt, Reports: reports), static (storage, a) => storage.AddReports(a.Study, a.Number, a.Attempt, a.Reports), cancellationToken);
    }

    private TrialRecord AddReports(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports)
    {
        var id = StudyId(study);
        Begin();
        var stored = ReportsOf(id, number);
        var fresh = StoredReports.After(stored, reports);
        var touch = Sql(
            "UPDATE trials SET version = CASE WHEN $changed THEN $version ELSE version END " +
            $"WHERE study_id = $study AND number = $number AND state = 'Running' AND ($attempt IS NULL OR starts = $attempt) RETURNING {Columns}");
        touch.Parameters.AddWithValue("$changed", fresh.Count > 0);
        touch.Parameters.AddWithValue("$version", fresh.Count > 0 ? NextVersion(id) : 0);
        touch.Parameters.AddWithValue("$study", id);
        touch.Parameters.AddWithValue("$number", number);
        touch.Parameters.AddWithValue("$attempt", (object?)attempt ?? DBNull.Value);
        var trial = ReadOne(touch) ?? throw NotRunning(id, study, number, attempt);
        InsertReports(id, number, stored.Count, fresh);
        Commit();
        return trial with { Reports = [.. stored, .. fresh] };
    }

    /// <summary>The reports stored for one trial, in the order made.</summary>
    private List<IntermediateValue> ReportsOf(long id, int number)
    {
        var select = Sql("SELECT number, step, value FROM reports WHERE study_id = $study AND number = $number ORDER BY seq");
        select.Parameters.AddWithValue("$study", id);
        select.Parameters.AddWithValue("$number", number);
        return ReadReports(select).GetValueOrDefault(number) ?? [];
    }

    /// <summary>Reads rows of (number, step, value) into each trial's reports, in the order read.</summary>
    private static Dictionary<int, List<IntermediateValue>> ReadReports(SqliteCommand select)
    {
        var byNumber = new Dictionary<int, List<IntermediateValue>>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var number = reader.GetInt32(0);
            if (!byNumber.TryGetValue(number, out var list))
            {
                byNumber.Add(number, list = []);
            }

            list.Add(new IntermediateValue(reader.GetInt64(1), SqliteRows.ReadReal(reader, 2) ?? double.NaN));
        }

        return byNumber;
    }

    private void InsertReports(long id, int number, int firstSeq, IReadOnlyList<IntermediateValue> reports)
    {
        for (var i = 0; i < reports.Count; i++)
        {
            var report = Sql("INSERT INTO reports (study_id, number, seq, step, value) VALUES ($study, $number, $seq, $step, $value)");
            report.Parameters.AddWithValue("$study", id);
            report.Parameters.AddWithValue("$number", number);
            report.Parameters.AddWithValue("$seq", firstSeq + i);
            report.Parameters.AddWithValue("$step", reports[i].Step);
            report.Parameters.AddWithValue("$value", SqliteRows.Real(reports[i].Value));
            report.ExecuteNonQuery();
        }
    }

    /// <summary>Drops the reports of a trial's earlier start, when it starts again.</summary>
    private void DeleteReports(long id, int number)
    {
        var delete = Sql("DELETE FROM reports WHERE study_id = $study AND number = $number");
        delete.Parameters.AddWithValue("$study", id);
        delete.Parameters.AddWithValue("$number", number);
        delete.ExecuteNonQuery();
    }

    /// <summary>Attaches their reports to changed trials that have any (read in the caller's snapshot).</summary>
    private void AttachReports(long id, long since, List<TrialRecord> trials)
    {
        if (trials.Count == 0)
        {
            return;
        }

        var reports = Sql(
            "SELECT number, step, value FROM reports WHERE study_id = $study " +
            "AND number IN (SELECT number FROM trials WHERE study_id = $study AND version > $since) ORDER BY number, seq");
        reports.Parameters.AddWithValue("$study", id);
        reports.Parameters.AddWithValue("$since", since);
        var byNumber = ReadReports(reports);
        for (var i = 0; i < trials.Count; i++)
        {
            if (byNumber.TryGetValue(trials[i].Number, out var list))
            {
                trials[i] = trials[i] with { Reports = list };
            }
        }
    }
}
