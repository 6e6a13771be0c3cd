using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tool.Optuna;

/// <summary>
/// Writes one AttrHpo study as the only study of a new SQLite file in Optuna 3.1's RDB schema, so that
/// <c>optuna.load_study(study_name=NAME, storage="sqlite:///FILE")</c>, Optuna's visualizations and optuna-dashboard read it.
/// Each trial keeps its number, state, value, parameters (with their distributions), intermediate values, user attributes and
/// times; what Optuna has no place for (seed, budget, promotion, worker, error, a cancelled state, the objective's id and the
/// search space) goes into system attributes named <c>attrhpo:...</c>.
/// </summary>
internal static class OptunaExport
{
    /// <summary>Writes the file at <paramref name="path"/> (through a temporary file beside it, moved into place when complete).</summary>
    /// <returns>Notes on what Optuna could not represent as AttrHpo stores it; none when the export is exact.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        string path, bool overwrite, StoredStudy study, SearchSpace space, IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var distributions = space.Dimensions.Select((d, i) =>
        {
            var choices = d is CategoricalDimension choice ? Choices(choice, i, space.Dimensions.Count, trials) : null;
            var json = OptunaDistributions.Json(d, choices, out var note);
            if (note is not null)
            {
                notes.Add(note);
            }

            return json;
        }).ToList();
        var temporary = Path.Combine(Path.GetDirectoryName(path) ?? ".", $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var sql = new Sql(connection, transaction, cancellationToken);
                foreach (var table in OptunaSchema.Tables)
                {
                    await sql.RunAsync(table).ConfigureAwait(false);
                }

                await sql.RunAsync("INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, $p0, $p1)", OptunaSchema.SchemaVersion, OptunaSchema.LibraryVersion).ConfigureAwait(false);
                await sql.RunAsync("INSERT INTO alembic_version (version_num) VALUES ($p0)", OptunaSchema.AlembicRevision).ConfigureAwait(false);
                await sql.RunAsync("INSERT INTO studies (study_id, study_name) VALUES (1, $p0)", study.Name).ConfigureAwait(false);
                await sql.RunAsync("INSERT INTO study_directions (direction, study_id, objective) VALUES ($p0, 1, 0)", study.Identity.Direction == Direction.Maximize ? "MAXIMIZE" : "MINIMIZE").ConfigureAwait(false);
                await StudyAttributeAsync(sql, "objective", OptunaSchema.JsonString(study.Identity.ObjectiveId)).ConfigureAwait(false);
                await StudyAttributeAsync(sql, "version", study.Version.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                if (study.Space is { } text)
                {
                    await StudyAttributeAsync(sql, "space", OptunaSchema.JsonString(text)).ConfigureAwait(false);
                }

                foreach (var trial in trials)
                {
                    if (await WriteTrialAsync(sql, trial, space, distributions).ConfigureAwait(false) is { } note)
                    {
                        notes.Add(note);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }

        return notes;
    }

    private static async Task<string?> WriteTrialAsync(Sql sql, TrialRecord trial, SearchSpace space, List<string> distributions)
    {
        string? note = null;
        var state = OptunaSchema.State(trial.State);
        var value = trial.State is TrialState.Complete or TrialState.Pruned && trial.Value is { } v && !double.IsNaN(v) ? v : (double?)null;
        if (trial.State == TrialState.Complete && value is null)
        {
            state = "FAIL"; // Optuna has no complete trial without a value
            note = $"Trial {trial.Number} is complete without a finite value, which Optuna refuses; it is written as FAIL with attrhpo:state \"Complete\".";
        }

        var id = trial.Number + 1;
        await sql.RunAsync(
            "INSERT INTO trials (trial_id, number, study_id, state, datetime_start, datetime_complete) VALUES ($p0, $p1, 1, $p2, $p3, $p4)",
            id, trial.Number, state, trial.State == TrialState.Waiting || trial.Started is not { } started ? null : OptunaSchema.Time(started),
            trial.IsFinished && trial.Finished is { } finished ? OptunaSchema.Time(finished) : null).ConfigureAwait(false);
        if (value is { } written)
        {
            var (type, number) = OptunaSchema.Value(written, intermediate: false);
            await sql.RunAsync("INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES ($p0, 0, $p1, $p2)", id, number, type).ConfigureAwait(false);
        }

        foreach (var report in trial.Reports)
        {
            var (type, number) = OptunaSchema.Value(report.Value, intermediate: true);
            await sql.RunAsync(
                "INSERT OR REPLACE INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES ($p0, $p1, $p2, $p3)",
                id, report.Step, number, type).ConfigureAwait(false);
        }

        if (trial.HasParameters && trial.Point.Count == space.Dimensions.Count)
        {
            using var parameters = JsonDocument.Parse(trial.ParametersJson);
            for (var i = 0; i < space.Dimensions.Count; i++)
            {
                var dimension = space.Dimensions[i];
                await sql.RunAsync(
                    "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES ($p0, $p1, $p2, $p3)",
                    id, dimension.Name, Internal(dimension, trial.Point[i], parameters.RootElement), distributions[i]).ConfigureAwait(false);
            }
        }

        foreach (var (key, text) in trial.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            await sql.RunAsync("INSERT INTO trial_user_attributes (trial_id, \"key\", value_json) VALUES ($p0, $p1, $p2)", id, key, OptunaSchema.JsonString(text)).ConfigureAwait(false);
        }

        var system = new List<(string, string)> { ("seed", trial.Seed.ToString(CultureInfo.InvariantCulture)) };
        if (trial.Worker.Length > 0)
        {
            system.Add(("worker", OptunaSchema.JsonString(trial.Worker)));
        }

        if (trial.Budget is { } budget)
        {
            system.Add(("budget", budget.ToString(CultureInfo.InvariantCulture)));
        }

        if (trial.PromotedFrom is { } from)
        {
            system.Add(("promoted_from", from.ToString(CultureInfo.InvariantCulture)));
        }

        if (trial.Error is { } error)
        {
            system.Add(("error", OptunaSchema.JsonString(error)));
        }

        if (trial.State == TrialState.Cancelled || (trial.State == TrialState.Complete && value is null))
        {
            system.Add(("state", OptunaSchema.JsonString(trial.State.ToString())));
        }

        foreach (var (key, json) in system)
        {
            await sql.RunAsync("INSERT INTO trial_system_attributes (trial_id, \"key\", value_json) VALUES ($p0, $p1, $p2)", id, OptunaSchema.Prefix + key, json).ConfigureAwait(false);
        }

        return note;
    }

    /// <summary>
    /// Optuna's internal value of a parameter: the number the objective got (from the parameters JSON when it holds it, decoded
    /// from the unit-cube point otherwise), or a choice's index.
    /// </summary>
    private static double Internal(Dimension dimension, double u, JsonElement parameters)
    {
        var json = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(dimension.Name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : (double?)null;
        return dimension switch
        {
            RealDimension real => json ?? real.Decode(u),
            IntegerDimension integer => json ?? integer.Decode(u),
            CategoricalDimension choice => choice.Decode(u),
            _ => u,
        };
    }

    /// <summary>
    /// The JSON of each choice of <paramref name="choice"/> (dimension <paramref name="index"/>), as the trials' parameters hold
    /// it: a choice some trial took keeps that trial's JSON value (a number, a boolean, a string, null); the others follow
    /// the type of the values seen (<see cref="OptunaDistributions.Choices"/>).
    /// </summary>
    private static List<string> Choices(CategoricalDimension choice, int index, int count, IReadOnlyList<TrialRecord> trials)
    {
        var seen = new Dictionary<int, string>();
        var kind = JsonValueKind.String;
        foreach (var trial in trials.Where(t => t.HasParameters && t.Point.Count == count))
        {
            try
            {
                using var document = JsonDocument.Parse(trial.ParametersJson);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(choice.Name, out var value))
                {
                    kind = seen.Count == 0 ? value.ValueKind : kind;
                    seen.TryAdd(choice.Decode(trial.Point[index]), value.GetRawText());
                }
            }
            catch (JsonException)
            {
                // Parameters stored as something else than a JSON object: the other trials tell.
            }
        }

        var typed = OptunaDistributions.Choices(choice, kind);
        return [.. typed.Select((json, i) => seen.GetValueOrDefault(i, json))];
    }

    private static Task StudyAttributeAsync(Sql sql, string key, string json) =>
        sql.RunAsync("INSERT INTO study_system_attributes (study_id, \"key\", value_json) VALUES (1, $p0, $p1)", OptunaSchema.Prefix + key, json);
}
