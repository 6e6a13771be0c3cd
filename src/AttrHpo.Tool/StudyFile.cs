using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Tool;

/// <summary>
/// The JSON file <c>attrhpo export --format json</c> writes and <c>attrhpo import</c> reads: the study's identity (objective,
/// direction, search space) and every stored field of every trial, in the shape <c>trials --format json</c> prints.
/// </summary>
internal static class StudyFile
{
    public const string Format = "attrhpo-study";
    public const int FormatVersion = 1;

    public static string Write(StoredStudy study, IReadOnlyList<TrialRecord> trials) => TrialsCommands.Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("formatVersion", FormatVersion);
        json.WriteStartObject("study");
        json.WriteString("name", study.Name);
        json.WriteNumber("version", study.Version);
        json.WriteString("objective", study.Identity.ObjectiveId);
        json.WriteString("direction", study.Identity.Direction.ToString());
        json.WriteString("space", study.Space);
        json.WriteEndObject();
        json.WriteStartArray("trials");
        foreach (var trial in trials)
        {
            TrialText.WriteJson(json, trial);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Reads an exported study: its identity under <paramref name="name"/> (the exported name when <see langword="null"/>) and its trials.</summary>
    public static (StudyIdentity Study, IReadOnlyList<TrialRecord> Trials) Read(string text, string file, string? name)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw Malformed(file, "it is not a study that 'attrhpo export --format json' wrote (no \"format\": \"attrhpo-study\")");
            }

            if (root.GetProperty("formatVersion").GetInt32() > FormatVersion)
            {
                throw Malformed(file, "it was written by a newer attrhpo; upgrade the tool");
            }

            var study = root.GetProperty("study");
            var identity = new StudyIdentity(
                name ?? study.GetProperty("name").GetString()!,
                study.GetProperty("objective").GetString()!,
                Enum.Parse<Direction>(study.GetProperty("direction").GetString()!))
            {
                Space = study.TryGetProperty("space", out var space) && space.ValueKind == JsonValueKind.String ? space.GetString() : null,
            };
            return (identity, [.. root.GetProperty("trials").EnumerateArray().Select(Trial)]);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Malformed(file, exception.Message);
        }
    }

    private static TrialRecord Trial(JsonElement trial) => new()
    {
        Number = trial.GetProperty("number").GetInt32(),
        State = Enum.Parse<TrialState>(trial.GetProperty("state").GetString()!),
        Value = Number(trial, "value"),
        ParametersJson = trial.GetProperty("parameters") is { ValueKind: JsonValueKind.Object } parameters ? parameters.GetRawText() : string.Empty,
        Point = [.. trial.GetProperty("point").EnumerateArray().Select(Number)],
        Seed = trial.GetProperty("seed").GetInt32(),
        Budget = trial.GetProperty("budget") is { ValueKind: JsonValueKind.Number } budget ? budget.GetInt64() : null,
        PromotedFrom = trial.GetProperty("promotedFrom") is { ValueKind: JsonValueKind.Number } from ? from.GetInt32() : null,
        Worker = trial.GetProperty("worker").GetString() ?? string.Empty,
        Starts = trial.GetProperty("starts").GetInt32(),
        Started = Time(trial, "started"),
        Finished = Time(trial, "finished"),
        Error = trial.GetProperty("error").GetString(),
        Reports = [.. trial.GetProperty("reports").EnumerateArray().Select(r => new IntermediateValue(r.GetProperty("step").GetInt64(), Number(r.GetProperty("value"))))],
        Attributes = trial.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal),
    };

    private static double? Number(JsonElement parent, string name) =>
        parent.GetProperty(name) is { ValueKind: not JsonValueKind.Null } value ? Number(value) : null;

    /// <summary>A number, or a non-finite one written as a string (<c>"NaN"</c>, <c>"Infinity"</c>).</summary>
    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetDouble();

    private static DateTimeOffset? Time(JsonElement parent, string name) =>
        parent.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetDateTimeOffset() : null;

    private static ToolException Malformed(string file, string reason) =>
        new(ExitCodes.Refused, $"The file '{file}' cannot be imported: {reason}. Import a file that 'attrhpo export --format json' wrote.");
}
