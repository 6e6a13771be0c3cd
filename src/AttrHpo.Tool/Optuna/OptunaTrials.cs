using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AttrHpo.Tool.Optuna;

/// <summary>A parameter of an Optuna trial: Optuna's internal value (a choice's index for a choice) and its distribution.</summary>
internal sealed record OptunaParameter(string Name, double Value, Dimension Dimension, IReadOnlyList<string>? Choices)
{
    /// <summary>The dimension as AttrHpo stores it (one line of a space definition), for comparing two trials' distributions.</summary>
    public string Definition { get; } = SpaceDefinition.Of(new SearchSpace([Dimension]));
}

/// <summary>A trial of an Optuna study as its tables hold it.</summary>
internal sealed class OptunaTrial
{
    public required int Number { get; init; }

    public required string State { get; init; }

    public DateTimeOffset? Started { get; init; }

    public DateTimeOffset? Finished { get; init; }

    public double? Value { get; set; }

    public List<OptunaParameter> Parameters { get; } = [];

    public List<IntermediateValue> Reports { get; } = [];

    public Dictionary<string, string> User { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> System { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The trial as AttrHpo records it in <paramref name="space"/>; a failed trial without all the parameters has none.</summary>
    public TrialRecord Record(SearchSpace space)
    {
        var state = State switch
        {
            "COMPLETE" => TrialState.Complete,
            "PRUNED" => TrialState.Pruned,
            _ => System.GetValueOrDefault(OptunaSchema.Prefix + "state") == nameof(TrialState.Cancelled) ? TrialState.Cancelled : TrialState.Failed,
        };
        var complete = space.Dimensions.Count > 0 && space.Dimensions.All(d => Parameters.Any(p => p.Name == d.Name));
        return new TrialRecord
        {
            Number = Number,
            State = state,
            Value = state is TrialState.Complete or TrialState.Pruned ? Value : null,
            Error = state is TrialState.Failed or TrialState.Cancelled
                ? System.GetValueOrDefault(OptunaSchema.Prefix + "error") ?? System.GetValueOrDefault("fail_reason") ?? "The trial failed in Optuna."
                : null,
            Point = complete ? [.. space.Dimensions.Select(d => OptunaDistributions.Point(d, Parameters.First(p => p.Name == d.Name).Value))] : [],
            ParametersJson = complete ? Json(space) : string.Empty,
            Seed = Integer("seed") is { } seed ? (int)seed : 0,
            Budget = Integer("budget"),
            PromotedFrom = Integer("promoted_from") is { } from ? (int)from : null,
            Worker = System.GetValueOrDefault(OptunaSchema.Prefix + "worker") ?? "optuna",
            Started = Started,
            Finished = Finished,
            Reports = Reports,
            Attributes = User,
        };
    }

    private long? Integer(string key) =>
        System.TryGetValue(OptunaSchema.Prefix + key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The parameters as the generated code writes them: numbers, and each choice's value as Optuna's JSON has it.</summary>
    private string Json(SearchSpace space)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var dimension in space.Dimensions)
            {
                var parameter = Parameters.First(p => p.Name == dimension.Name);
                switch (parameter.Dimension)
                {
                    case IntegerDimension:
                        json.WriteNumber(parameter.Name, (long)Math.Round(parameter.Value));
                        break;
                    case CategoricalDimension when parameter.Choices is { } choices:
                        json.WritePropertyName(parameter.Name);
                        json.WriteRawValue(choices[(int)parameter.Value]);
                        break;
                    default:
                        json.WriteNumber(parameter.Name, parameter.Value);
                        break;
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>Reads an Optuna study's trials and the one search space they share.</summary>
internal static class OptunaTrials
{
    public static async Task<List<OptunaTrial>> ReadAsync(Sql sql, long study)
    {
        const string Of = "JOIN trials t ON t.trial_id = x.trial_id WHERE t.study_id = $p0";
        var trials = new Dictionary<long, OptunaTrial>();
        foreach (var row in await sql.RowsAsync("SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials WHERE study_id = $p0 ORDER BY number", study).ConfigureAwait(false))
        {
            trials[Id(row[0])] = new OptunaTrial
            {
                Number = (int)Id(row[1]),
                State = (string)row[2]!,
                Started = OptunaSchema.Time(row[3] as string),
                Finished = OptunaSchema.Time(row[4] as string),
            };
        }

        foreach (var row in await sql.RowsAsync($"SELECT x.trial_id, x.value, x.value_type FROM trial_values x {Of} AND x.objective = 0", study).ConfigureAwait(false))
        {
            trials[Id(row[0])].Value = OptunaSchema.Value((string)row[2]!, row[1] is null ? null : Convert.ToDouble(row[1], CultureInfo.InvariantCulture));
        }

        foreach (var row in await sql.RowsAsync($"SELECT x.trial_id, x.step, x.intermediate_value, x.intermediate_value_type FROM trial_intermediate_values x {Of} ORDER BY x.trial_id, x.step", study).ConfigureAwait(false))
        {
            trials[Id(row[0])].Reports.Add(new IntermediateValue(Id(row[1]), OptunaSchema.Value((string)row[3]!, row[2] is null ? null : Convert.ToDouble(row[2], CultureInfo.InvariantCulture))));
        }

        foreach (var row in await sql.RowsAsync($"SELECT x.trial_id, x.param_name, x.param_value, x.distribution_json FROM trial_params x {Of} ORDER BY x.param_id", study).ConfigureAwait(false))
        {
            var trial = trials[Id(row[0])];
            var name = (string)row[1]!;
            var (dimension, choices) = OptunaDistributions.Read(name, (string)row[3]!, $"trial {trial.Number}");
            var value = Convert.ToDouble(row[2], CultureInfo.InvariantCulture);
            if (choices is not null && (value < 0 || value >= choices.Count || value != Math.Floor(value)))
            {
                throw new OptunaException($"The parameter '{name}' of trial {trial.Number} has the choice index {value}, which is not one of its {choices.Count} choices.");
            }

            trial.Parameters.Add(new OptunaParameter(name, value, dimension, choices));
        }

        foreach (var (id, attributes) in await OptunaImport.AttributesAsync(sql, $"SELECT x.trial_id, x.\"key\", x.value_json FROM trial_user_attributes x {Of}", study).ConfigureAwait(false))
        {
            trials[id].User = attributes;
        }

        foreach (var (id, attributes) in await OptunaImport.AttributesAsync(sql, $"SELECT x.trial_id, x.\"key\", x.value_json FROM trial_system_attributes x {Of}", study).ConfigureAwait(false))
        {
            trials[id].System = attributes;
        }

        return [.. trials.Values.OrderBy(t => t.Number)];
    }

    /// <summary>
    /// The search space every finished trial shares: the parameters of the first complete or pruned trial (the first failed one
    /// with parameters when none is), in the order it suggested them, or the exported space (<c>attrhpo:space</c>) when it has the
    /// same parameters. A trial with another parameter, another distribution, or (unless it failed) a parameter missing is refused.
    /// </summary>
    public static SearchSpace Space(string study, IReadOnlyList<OptunaTrial> trials, string? exported)
    {
        var finished = trials.Where(t => t.State is "COMPLETE" or "PRUNED" or "FAIL").ToList();
        var reference = finished.FirstOrDefault(t => t.State != "FAIL" && t.Parameters.Count > 0) ?? finished.FirstOrDefault(t => t.Parameters.Count > 0);
        if (reference is null)
        {
            return new SearchSpace([]);
        }

        var byName = reference.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var trial in finished)
        {
            foreach (var parameter in trial.Parameters)
            {
                if (!byName.TryGetValue(parameter.Name, out var known))
                {
                    throw Dynamic(study, $"trial {trial.Number} has the parameter '{parameter.Name}', which trial {reference.Number} has not");
                }

                if (known.Definition != parameter.Definition)
                {
                    throw Dynamic(study, $"the parameter '{parameter.Name}' is '{parameter.Definition}' in trial {trial.Number} but '{known.Definition}' in trial {reference.Number}");
                }
            }

            if (trial.State != "FAIL" && byName.Keys.FirstOrDefault(n => trial.Parameters.All(p => p.Name != n)) is { } lacking)
            {
                throw Dynamic(study, $"trial {trial.Number} ({trial.State}) has no parameter '{lacking}', which trial {reference.Number} has");
            }
        }

        if (exported is not null)
        {
            try
            {
                var space = SpaceDefinition.Read(exported);
                if (space.Dimensions.Select(d => d.Name).Order(StringComparer.Ordinal).SequenceEqual(byName.Keys.Order(StringComparer.Ordinal)))
                {
                    return space;
                }
            }
            catch (FormatException)
            {
                // Not a space this version reads: the trials' distributions define it.
            }
        }

        return new SearchSpace([.. reference.Parameters.Select(p => p.Dimension)]);
    }

    private static long Id(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static OptunaException Dynamic(string study, string difference) => new(
        $"The Optuna study '{study}' cannot be imported: {difference}. An AttrHpo study has one search space that every trial samples " +
        "in full, so a study whose trials suggest different parameters (a dynamic search space) cannot be mapped; nothing was written.");
}
