using System.Text.Json;

namespace AttrHpo.Tool;

/// <summary>Trials as the commands show them: table rows, CSV rows, and the JSON object that <c>trials</c>, <c>best</c> and <c>export</c> share.</summary>
internal static class TrialText
{
    /// <summary>The parameters' names: the stored space's order, or, for a study stored without one, the order the trials' JSON gives.</summary>
    public static IReadOnlyList<string> ParameterNames(StoredStudy study, IEnumerable<TrialRecord> trials)
    {
        if (study.Space is { } space)
        {
            return [.. space.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(": ", 2)[0])];
        }

        var names = new List<string>();
        foreach (var trial in trials.Where(t => t.HasParameters))
        {
            using var json = JsonDocument.Parse(trial.ParametersJson);
            names.AddRange(json.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !names.Contains(n)));
        }

        return names;
    }

    public static IReadOnlyList<string> TableHeader(IReadOnlyList<string> parameters) =>
        ["NUMBER", "STATE", "VALUE", .. parameters.Select(p => p.ToUpperInvariant()), "DURATION"];

    public static IReadOnlyList<string> TableRow(TrialRecord trial, IReadOnlyList<string> parameters) =>
        [Number(trial.Number), trial.State.ToString(), TextTable.Short(trial.Value), .. Parameters(trial, parameters), Duration(trial.Duration)];

    public static IReadOnlyList<string> CsvHeader(IReadOnlyList<string> parameters) =>
        ["number", "state", "value", .. parameters, "budget", "started", "finished", "duration_s", "worker", "error"];

    public static IReadOnlyList<string> CsvRow(TrialRecord trial, IReadOnlyList<string> parameters) =>
    [
        Number(trial.Number), trial.State.ToString(), TextTable.Exact(trial.Value), .. Parameters(trial, parameters),
        trial.Budget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, TextTable.Time(trial.Started), TextTable.Time(trial.Finished),
        TextTable.Exact(trial.Duration?.TotalSeconds), trial.Worker, trial.Error ?? string.Empty,
    ];

    /// <summary>Writes everything stored of a trial as one JSON object (non-finite numbers as strings, as the storages keep them).</summary>
    public static void WriteJson(Utf8JsonWriter json, TrialRecord trial)
    {
        json.WriteStartObject();
        json.WriteNumber("number", trial.Number);
        json.WriteString("state", trial.State.ToString());
        WriteNumber(json, "value", trial.Value);
        json.WritePropertyName("parameters");
        if (trial.HasParameters)
        {
            json.WriteRawValue(trial.ParametersJson);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteStartArray("point");
        foreach (var coordinate in trial.Point)
        {
            WriteNumber(json, null, coordinate);
        }

        json.WriteEndArray();
        json.WriteNumber("seed", trial.Seed);
        WriteNumber(json, "budget", trial.Budget);
        WriteNumber(json, "promotedFrom", trial.PromotedFrom);
        json.WriteString("worker", trial.Worker);
        json.WriteNumber("starts", trial.Starts);
        WriteTime(json, "started", trial.Started);
        WriteTime(json, "finished", trial.Finished);
        WriteNumber(json, "durationSeconds", trial.Duration?.TotalSeconds);
        json.WriteString("error", trial.Error);
        json.WriteStartArray("reports");
        foreach (var report in trial.Reports)
        {
            json.WriteStartObject();
            json.WriteNumber("step", report.Step);
            WriteNumber(json, "value", report.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("attributes");
        foreach (var (key, value) in trial.Attributes)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static string Duration(TimeSpan? duration) => duration is not { } d ? string.Empty
        : d.TotalSeconds < 60 ? $"{d.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}s"
        : d.TotalHours < 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s"
        : $"{(int)d.TotalHours}h{d.Minutes:00}m";

    private static string Number(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Parameters(TrialRecord trial, IReadOnlyList<string> names)
    {
        if (!trial.HasParameters)
        {
            return names.Select(_ => string.Empty);
        }

        using var json = JsonDocument.Parse(trial.ParametersJson);
        var root = json.RootElement;
        return [.. names.Select(name => root.TryGetProperty(name, out var value) ? Text(value) : string.Empty)];
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };

    private static void WriteNumber(Utf8JsonWriter json, string? name, double? value)
    {
        if (name is not null)
        {
            json.WritePropertyName(name);
        }

        if (value is not { } v)
        {
            json.WriteNullValue();
        }
        else if (double.IsFinite(v))
        {
            json.WriteNumberValue(v);
        }
        else
        {
            json.WriteStringValue(TextTable.Exact(v));
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.ToUniversalTime());
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
