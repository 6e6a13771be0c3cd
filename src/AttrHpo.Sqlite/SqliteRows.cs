using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AttrHpo;

/// <summary>
/// How trials are written to and read from their rows, exactly: points as JSON arrays of round-trip doubles, times as
/// ISO 8601 text with every tick (lease ends as Unix milliseconds, which the lease queries compare), NaN as the text 'NaN'
/// (SQLite would store a NaN as NULL), states and directions by name.
/// </summary>
internal static class SqliteRows
{
    /// <summary>The columns <see cref="ReadTrial"/> reads, in its order.</summary>
    public const string TrialColumns = StoredText.TrialColumns;

    private const string NaNText = "NaN";

    /// <summary>A double for a REAL column: NaN as text, since SQLite stores a bound NaN as NULL.</summary>
    public static object Real(double? value) =>
        value is not { } x ? DBNull.Value : double.IsNaN(x) ? NaNText : x;

    public static double? ReadReal(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null
        : reader.GetFieldType(ordinal) == typeof(string) ? ParseNonNumber(reader.GetString(ordinal))
        : reader.GetDouble(ordinal);

    public static object Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;

    public static object LeaseMs(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value;

    /// <summary>Reads the <see cref="TrialColumns"/> of the current row; reports are read apart.</summary>
    public static TrialRecord ReadTrial(SqliteDataReader reader) => new()
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

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.ParseExact(reader.GetString(ordinal), "O", CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static double ParseNonNumber(string text) =>
        text == NaNText ? double.NaN : throw new FormatException($"'{text}' is not a number.");
}
