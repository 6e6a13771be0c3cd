using System.Globalization;
using System.Text;
using Npgsql;

namespace AttrHpo;

/// <summary>
/// How trials are written to and read from their rows, exactly: points as JSON arrays of round-trip doubles, times as
/// ISO 8601 text with every tick (lease ends as Unix milliseconds, which the lease queries compare), values as double
/// precision (NaN included), states and directions by name: the same text as the SQLite storage writes.
/// </summary>
internal static class PostgreSqlRows
{
    /// <summary>The columns <see cref="ReadTrial"/> reads, in its order.</summary>
    public const string TrialColumns = "number, state, point, parameters, seed, value, error, worker, starts, lease_until, started, finished, attributes, budget, promoted_from, version";

    public static string State(TrialState state) => state switch
    {
        TrialState.Waiting => "Waiting",
        TrialState.Running => "Running",
        TrialState.Complete => "Complete",
        TrialState.Pruned => "Pruned",
        TrialState.Failed => "Failed",
        TrialState.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trial state."),
    };

    public static TrialState ParseState(string text) => text switch
    {
        "Waiting" => TrialState.Waiting,
        "Running" => TrialState.Running,
        "Complete" => TrialState.Complete,
        "Pruned" => TrialState.Pruned,
        "Failed" => TrialState.Failed,
        "Cancelled" => TrialState.Cancelled,
        _ => throw new FormatException($"'{text}' is not a trial state."),
    };

    public static string Direction(Direction direction) => direction switch
    {
        AttrHpo.Direction.Minimize => "Minimize",
        AttrHpo.Direction.Maximize => "Maximize",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a direction."),
    };

    public static Direction ParseDirection(string text) => text switch
    {
        "Minimize" => AttrHpo.Direction.Minimize,
        "Maximize" => AttrHpo.Direction.Maximize,
        _ => throw new FormatException($"'{text}' is not a direction."),
    };

    /// <summary>A point as a JSON array; each double in its shortest round-trip form, non-finite ones as strings.</summary>
    public static string Point(IReadOnlyList<double> point)
    {
        if (point.Count == 0)
        {
            return "[]";
        }

        var text = new StringBuilder(point.Count * 20);
        text.Append('[');
        for (var i = 0; i < point.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var x = point[i];
            if (double.IsFinite(x))
            {
                text.Append(x.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append('"').Append(x.ToString(CultureInfo.InvariantCulture)).Append('"');
            }
        }

        return text.Append(']').ToString();
    }

    public static double[] ParsePoint(string json)
    {
        var inner = json.AsSpan().Trim();
        if (inner.Length < 2 || inner[0] != '[' || inner[^1] != ']')
        {
            throw new FormatException($"'{json}' is not a JSON array of numbers.");
        }

        inner = inner[1..^1].Trim();
        if (inner.IsEmpty)
        {
            return [];
        }

        var point = new double[inner.Count(',') + 1];
        var i = 0;
        foreach (var range in inner.Split(','))
        {
            var item = inner[range].Trim().Trim('"');
            point[i++] = double.Parse(item, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return point;
    }

    public static double? ReadReal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static string? Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : null;

    public static long? LeaseMs(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    /// <summary>Reads the <see cref="TrialColumns"/> of the current row; reports are read apart.</summary>
    public static TrialRecord ReadTrial(NpgsqlDataReader reader) => new()
    {
        Number = reader.GetInt32(0),
        State = ParseState(reader.GetString(1)),
        Point = ParsePoint(reader.GetString(2)),
        ParametersJson = reader.GetString(3),
        Seed = reader.GetInt32(4),
        Value = ReadReal(reader, 5),
        Error = reader.IsDBNull(6) ? null : reader.GetString(6),
        Worker = reader.GetString(7),
        Starts = reader.GetInt32(8),
        LeaseUntil = reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
        Started = ReadTime(reader, 10),
        Finished = ReadTime(reader, 11),
        Attributes = TrialAttributes.FromJson(reader.IsDBNull(12) ? null : reader.GetString(12)),
        Budget = reader.IsDBNull(13) ? null : reader.GetInt64(13),
        PromotedFrom = reader.IsDBNull(14) ? null : reader.GetInt32(14),
        Version = reader.GetInt64(15),
    };

    private static DateTimeOffset? ReadTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.ParseExact(reader.GetString(ordinal), "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
