using System.Globalization;
using System.Text;

namespace AttrHpo.Tool;

/// <summary>Rows written as an aligned plain-text table or as CSV (RFC 4180: fields with commas, quotes or line breaks quoted).</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => Cell(r[i]).Length))).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    public static void WriteCsv(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        output.WriteLine(string.Join(',', header.Select(Csv)));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(',', row.Select(Csv)));
        }
    }

    /// <summary>A number as tables show it: six significant digits.</summary>
    public static string Short(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A number as CSV and JSON keep it: round-trip.</summary>
    public static string Exact(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    public static string Time(DateTimeOffset? time) => time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : string.Empty;

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(i == 0 ? string.Empty : "  ").Append(i == cells.Count - 1 ? Cell(cells[i]) : Cell(cells[i]).PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>One line per cell: a multi-line error is cut at its first line break.</summary>
    private static string Cell(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : string.Concat(text.AsSpan(0, end), " ...");
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
