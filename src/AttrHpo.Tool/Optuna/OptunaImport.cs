using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tool.Optuna;

/// <summary>One study of an Optuna file as AttrHpo trials, ready for the tool's import.</summary>
/// <param name="Source">The Optuna study's name.</param>
/// <param name="Study">The study to create: its name, objective id, direction and search space.</param>
/// <param name="Trials">Its finished trials (complete, pruned, failed), by number.</param>
/// <param name="Skipped">How many trials were left out: running or waiting in Optuna.</param>
internal sealed record OptunaStudy(string Source, StudyIdentity Study, IReadOnlyList<TrialRecord> Trials, int Skipped);

/// <summary>
/// Reads a study from a SQLite file in Optuna's RDB schema: its direction, its trials' parameters mapped to AttrHpo's
/// dimensions (one search space for the whole study, or a refusal naming the parameter and trial that differ), values,
/// states, intermediate values, user attributes and times, and what <see cref="OptunaExport"/> kept in <c>attrhpo:</c> attributes.
/// </summary>
internal static class OptunaImport
{
    private static readonly string[] Needed = ["studies", "study_directions", "trials", "trial_params", "trial_values", "trial_intermediate_values", "trial_user_attributes", "trial_system_attributes"];

    /// <summary>Reads the Optuna study <paramref name="source"/> (the file's only study when <see langword="null"/>) of the file at <paramref name="path"/>.</summary>
    /// <param name="path">The Optuna SQLite file (only read).</param>
    /// <param name="source">The Optuna study to read.</param>
    /// <param name="fallback">A name to read when <paramref name="source"/> is not given and the file has a study of that name.</param>
    /// <param name="name">The new study's name; the Optuna study's when <see langword="null"/>.</param>
    /// <param name="objective">The new study's objective id; the exported one (<c>attrhpo:objective</c>) or <c>optuna:NAME</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<OptunaStudy> ReadAsync(string path, string? source, string? fallback, string? name, string? objective, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var sql = new Sql(connection, null, cancellationToken);
            var tables = (await sql.RowsAsync("SELECT name FROM sqlite_master WHERE type = 'table'").ConfigureAwait(false)).Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
            if (Needed.FirstOrDefault(t => !tables.Contains(t)) is { } missing)
            {
                throw new OptunaException($"The file '{path}' is not an Optuna study file: it has no table '{missing}'. Give a SQLite file that Optuna's RDB storage (sqlite:///FILE) wrote.");
            }

            var (id, studyName) = await ChooseAsync(sql, path, source, fallback).ConfigureAwait(false);
            var directions = await sql.RowsAsync("SELECT direction FROM study_directions WHERE study_id = $p0 ORDER BY objective", id).ConfigureAwait(false);
            if (directions.Count != 1)
            {
                throw new OptunaException($"The Optuna study '{studyName}' has {directions.Count} objectives; an AttrHpo study has one. Import a single-objective study.");
            }

            var attributes = await AttributesAsync(sql, "SELECT study_id, \"key\", value_json FROM study_system_attributes WHERE study_id = $p0", id).ConfigureAwait(false);
            var trials = await OptunaTrials.ReadAsync(sql, id).ConfigureAwait(false);
            var space = OptunaTrials.Space(studyName, trials, attributes.GetValueOrDefault(id)?.GetValueOrDefault(OptunaSchema.Prefix + "space"));
            var identity = new StudyIdentity(
                name ?? studyName,
                objective ?? attributes.GetValueOrDefault(id)?.GetValueOrDefault(OptunaSchema.Prefix + "objective") ?? "optuna:" + studyName,
                (string)directions[0][0]! == "MAXIMIZE" ? Direction.Maximize : Direction.Minimize)
            {
                Space = space.Dimensions.Count > 0 ? SpaceDefinition.Of(space) : null,
            };
            var finished = trials.Where(t => t.State is "COMPLETE" or "PRUNED" or "FAIL").Select(t => t.Record(space)).ToList();
            return new OptunaStudy(studyName, identity, finished, trials.Count - finished.Count);
        }
        catch (SqliteException exception)
        {
            throw new OptunaException($"The file '{path}' cannot be read as an Optuna study file: {exception.Message}");
        }
    }

    /// <summary>Every attribute of the rows a query returns (owner, key, value_json), as text by owner and key.</summary>
    internal static async Task<Dictionary<long, Dictionary<string, string>>> AttributesAsync(Sql sql, string query, params object?[] values)
    {
        var attributes = new Dictionary<long, Dictionary<string, string>>();
        foreach (var row in await sql.RowsAsync(query, values).ConfigureAwait(false))
        {
            var owner = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
            if (!attributes.TryGetValue(owner, out var of))
            {
                attributes[owner] = of = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            of[(string)row[1]!] = OptunaSchema.AttributeText(row[2] as string ?? "null");
        }

        return attributes;
    }

    private static async Task<(long Id, string Name)> ChooseAsync(Sql sql, string path, string? source, string? fallback)
    {
        var studies = (await sql.RowsAsync("SELECT study_id, study_name FROM studies ORDER BY study_id").ConfigureAwait(false))
            .Select(r => (Id: Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Name: (string)r[1]!)).ToList();
        var list = string.Join(", ", studies.Select(s => $"'{s.Name}'"));
        if (source is not null)
        {
            return studies.FirstOrDefault(s => s.Name == source) is { Name: not null } named
                ? named
                : throw new OptunaException($"The Optuna file '{path}' has no study named '{source}'; its studies: {(studies.Count == 0 ? "none" : list)}.");
        }

        if (fallback is not null && studies.FirstOrDefault(s => s.Name == fallback) is { Name: not null } same)
        {
            return same;
        }

        return studies.Count switch
        {
            1 => studies[0],
            0 => throw new OptunaException($"The Optuna file '{path}' holds no study."),
            _ => throw new OptunaException($"The Optuna file '{path}' holds {studies.Count} studies ({list}); name the one to import with --from-study NAME."),
        };
    }
}
