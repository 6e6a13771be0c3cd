using System.Globalization;

namespace AttrHpo.Tool;

/// <summary>
/// Reads back the search space a storage keeps beside a study (one line per dimension: <c>name: real [low, high] step s log</c>,
/// <c>name: integer [low, high]</c>, <c>name: choice {a, b}</c>), so that a stored study can be plotted without its objective's code.
/// </summary>
internal static class SpaceText
{
    public static SearchSpace Parse(string definition, string study)
    {
        var dimensions = new List<Dimension>();
        foreach (var line in definition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Unreadable(study, line);
            }

            var name = line[..colon];
            var rest = line[(colon + 2)..].Trim();
            dimensions.Add(rest switch
            {
                _ when rest.StartsWith("choice {", StringComparison.Ordinal) && rest.EndsWith('}') =>
                    new CategoricalDimension(name, [.. rest["choice {".Length..^1].Split(", ")]),
                _ when rest.StartsWith("real [", StringComparison.Ordinal) => Range(rest["real ".Length..], study, line, (low, high, step, log) =>
                    new RealDimension(name, Real(low), Real(high), log, step is null ? 0 : Real(step))),
                _ when rest.StartsWith("integer [", StringComparison.Ordinal) => Range(rest["integer ".Length..], study, line, (low, high, step, log) =>
                    new IntegerDimension(name, Integer(low), Integer(high), log, step is null ? 1 : Integer(step))),
                _ => throw Unreadable(study, line),
            });
        }

        return new SearchSpace(dimensions);
    }

    private static Dimension Range(string text, string study, string line, Func<string, string, string?, bool, Dimension> create)
    {
        var close = text.IndexOf(']', StringComparison.Ordinal);
        var bounds = close > 1 ? text[1..close].Split(", ") : [];
        if (bounds.Length != 2)
        {
            throw Unreadable(study, line);
        }

        var words = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var log = words.Contains("log");
        var stepAt = Array.IndexOf(words, "step");
        var step = stepAt >= 0 && stepAt + 1 < words.Length ? words[stepAt + 1] : null;
        try
        {
            return create(bounds[0], bounds[1], step, log);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
        {
            throw Unreadable(study, line);
        }
    }

    private static double Real(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long Integer(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static ToolException Unreadable(string study, string line) =>
        new(ExitCodes.Refused, $"The search space stored with the study '{study}' has a line this version cannot read ('{line}'); was the file written by a newer AttrHpo?");
}
