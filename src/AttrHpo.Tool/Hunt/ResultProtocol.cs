using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Tool.Hunt;

/// <summary>
/// How a hunted program reports: lines on its standard output, <c>attrhpo: objective=VALUE</c> (the result; the last one counts)
/// and <c>attrhpo: step=N value=VALUE</c> (an intermediate value, for pruning), or a JSON results file at
/// <c>$ATTRHPO_RESULTS_FILE</c>: <c>{"objective": 0.12}</c>, or Oríon's <c>[{"name": "loss", "type": "objective", "value": 0.12}]</c>.
/// Numbers in the invariant culture; <c>nan</c> and <c>inf</c> are read (and fail the trial).
/// </summary>
internal static class ResultProtocol
{
    public const string Prefix = "attrhpo:";

    /// <summary>What a line of the program's output says.</summary>
    public static Line Read(string line)
    {
        var text = line.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Line.None;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in text[Prefix.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !fields.TryAdd(field[..equals], field[(equals + 1)..]))
            {
                return Line.Unknown(text);
            }
        }

        if (fields.Count == 1 && fields.TryGetValue("objective", out var objective) && TryNumber(objective, out var value))
        {
            return new Line(LineKind.Objective, value, 0, text);
        }

        if (fields.Count == 2 && fields.TryGetValue("step", out var step) && fields.TryGetValue("value", out var reported)
            && long.TryParse(step, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && TryNumber(reported, out var intermediate))
        {
            return new Line(LineKind.Report, intermediate, number, text);
        }

        return Line.Unknown(text);
    }

    /// <summary>The objective in a results file's text.</summary>
    /// <exception cref="FormatException">The text is not a results file this protocol knows; the message says what it should be.</exception>
    public static double ReadFile(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("objective", out var objective))
            {
                return Number(objective);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var result in root.EnumerateArray())
                {
                    if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                        && type.GetString() == "objective" && result.TryGetProperty("value", out var value))
                    {
                        return Number(value);
                    }
                }
            }
        }
        catch (JsonException exception)
        {
            throw new FormatException($"it is not JSON ({exception.Message})", exception);
        }

        throw new FormatException("it holds no objective; write {\"objective\": 0.12}");
    }

    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && TryNumber(value.GetString()!, out var number) ? number
        : throw new FormatException($"its objective {value.GetRawText()} is not a number");

    /// <summary>A number in the invariant culture, or nan, inf, -inf (as Python prints them).</summary>
    public static bool TryNumber(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "nan" or "-nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>What a line says.</summary>
    /// <param name="Kind">A result, a report, an <c>attrhpo:</c> line not understood, or any other line.</param>
    /// <param name="Value">The objective or the reported value.</param>
    /// <param name="Step">The report's step.</param>
    /// <param name="Text">The line, trimmed.</param>
    public sealed record Line(LineKind Kind, double Value, long Step, string Text)
    {
        public static Line None { get; } = new(LineKind.None, 0, 0, string.Empty);

        public static Line Unknown(string text) => new(LineKind.Unknown, 0, 0, text);
    }

    /// <summary>The kinds of line.</summary>
    public enum LineKind
    {
        None,
        Objective,
        Report,
        Unknown,
    }
}
