using System.Globalization;
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
    public const string TrialColumns = StoredText.TrialColumns;

    public static double? ReadReal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static string? Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : null;

    public static long? LeaseMs(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    /// <summary>Reads the <see cref="TrialColumns"/> of the current row; reports are read apart.</summary>
    public static TrialRecord ReadTrial(NpgsqlDataReader reader) => new()
    {
        Number = reader.GetInt32(0),
        State = StoredText.ParseState(reader.GetString(1)),
        Point = StoredText.ParsePoint(reader.GetString(2)),
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
