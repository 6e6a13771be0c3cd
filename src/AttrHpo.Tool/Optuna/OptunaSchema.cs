using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AttrHpo.Tool.Optuna;

/// <summary>
/// The tables of Optuna's RDB storage as Optuna 3.1 creates them in a SQLite file (schema version 12, Alembic revision
/// v3.0.0.d), and how Optuna writes its values there: states, value types, datetimes and JSON.
/// </summary>
internal static class OptunaSchema
{
    public const int SchemaVersion = 12;
    public const string LibraryVersion = "3.1.0";
    public const string AlembicRevision = "v3.0.0.d";

    /// <summary>The prefix of the study and trial system attributes that keep what Optuna has no place for.</summary>
    public const string Prefix = "attrhpo:";

    /// <summary>Optuna 3.1's <c>CREATE</c> statements, as <c>optuna.create_study(storage="sqlite:///...")</c> runs them.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "CREATE TABLE studies (study_id INTEGER NOT NULL, study_name VARCHAR(512) NOT NULL, PRIMARY KEY (study_id))",
        "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
        "CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER, library_version VARCHAR(256), PRIMARY KEY (version_info_id), CHECK (version_info_id=1))",
        "CREATE TABLE study_directions (study_direction_id INTEGER NOT NULL, direction VARCHAR(8) NOT NULL, study_id INTEGER NOT NULL, objective INTEGER NOT NULL, " +
            "PRIMARY KEY (study_direction_id), UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id))",
        "CREATE TABLE study_user_attributes (study_user_attribute_id INTEGER NOT NULL, study_id INTEGER, \"key\" VARCHAR(512), value_json TEXT, " +
            "PRIMARY KEY (study_user_attribute_id), UNIQUE (study_id, \"key\"), FOREIGN KEY(study_id) REFERENCES studies (study_id))",
        "CREATE TABLE study_system_attributes (study_system_attribute_id INTEGER NOT NULL, study_id INTEGER, \"key\" VARCHAR(512), value_json TEXT, " +
            "PRIMARY KEY (study_system_attribute_id), UNIQUE (study_id, \"key\"), FOREIGN KEY(study_id) REFERENCES studies (study_id))",
        "CREATE TABLE trials (trial_id INTEGER NOT NULL, number INTEGER, study_id INTEGER, state VARCHAR(8) NOT NULL, datetime_start DATETIME, datetime_complete DATETIME, " +
            "PRIMARY KEY (trial_id), FOREIGN KEY(study_id) REFERENCES studies (study_id))",
        "CREATE TABLE trial_user_attributes (trial_user_attribute_id INTEGER NOT NULL, trial_id INTEGER, \"key\" VARCHAR(512), value_json TEXT, " +
            "PRIMARY KEY (trial_user_attribute_id), UNIQUE (trial_id, \"key\"), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))",
        "CREATE TABLE trial_system_attributes (trial_system_attribute_id INTEGER NOT NULL, trial_id INTEGER, \"key\" VARCHAR(512), value_json TEXT, " +
            "PRIMARY KEY (trial_system_attribute_id), UNIQUE (trial_id, \"key\"), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))",
        "CREATE TABLE trial_params (param_id INTEGER NOT NULL, trial_id INTEGER, param_name VARCHAR(512), param_value FLOAT, distribution_json TEXT, " +
            "PRIMARY KEY (param_id), UNIQUE (trial_id, param_name), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))",
        "CREATE TABLE trial_values (trial_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, objective INTEGER NOT NULL, value FLOAT, value_type VARCHAR(7) NOT NULL, " +
            "PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))",
        "CREATE TABLE trial_intermediate_values (trial_intermediate_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, step INTEGER NOT NULL, intermediate_value FLOAT, " +
            "intermediate_value_type VARCHAR(7) NOT NULL, PRIMARY KEY (trial_intermediate_value_id), UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))",
        "CREATE TABLE trial_heartbeats (trial_heartbeat_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, heartbeat DATETIME NOT NULL, " +
            "PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
    ];

    /// <summary>Optuna's name of an AttrHpo state. Cancelled has none: it is written as FAIL with <c>attrhpo:state</c>.</summary>
    public static string State(TrialState state) => state switch
    {
        TrialState.Complete => "COMPLETE",
        TrialState.Pruned => "PRUNED",
        TrialState.Running => "RUNNING",
        TrialState.Waiting => "WAITING",
        _ => "FAIL",
    };

    /// <summary>How Optuna stores a value: its type and the number, which is NULL unless finite.</summary>
    public static (string Type, double? Value) Value(double value, bool intermediate) => value switch
    {
        double.PositiveInfinity => ("INF_POS", null),
        double.NegativeInfinity => ("INF_NEG", null),
        _ when double.IsNaN(value) => intermediate ? ("NAN", null) : throw new ArgumentException("Optuna stores no NaN objective value.", nameof(value)),
        _ => ("FINITE", value),
    };

    /// <summary>The value a stored type and number mean.</summary>
    public static double Value(string type, double? value) => type switch
    {
        "INF_POS" => double.PositiveInfinity,
        "INF_NEG" => double.NegativeInfinity,
        "NAN" => double.NaN,
        _ => value ?? double.NaN,
    };

    /// <summary>A time as SQLAlchemy writes Optuna's naive datetimes: the local time of the machine, to the microsecond.</summary>
    public static string Time(DateTimeOffset time) => time.ToLocalTime().DateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>A time Optuna wrote (a naive local datetime), or <see langword="null"/>.</summary>
    public static DateTimeOffset? Time(string? text) =>
        text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time) ? new DateTimeOffset(time) : null;

    /// <summary><paramref name="text"/> as a JSON string, as Python's <c>json.dumps</c> would read it back.</summary>
    public static string JsonString(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>A number as Python's <c>json.dumps</c> writes a float: round-trip digits, with <c>.0</c> when integral.</summary>
    public static string JsonNumber(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A JSON value Optuna stored as text: a JSON string's own text, anything else its JSON.</summary>
    public static string AttributeText(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString()! : document.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            return json;
        }
    }
}

/// <summary>An Optuna file or study that cannot be read or written as asked; the message says why and what to do.</summary>
internal sealed class OptunaException(string message) : Exception(message);
