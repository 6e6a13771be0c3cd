using System.Globalization;

namespace AttrHpo;

/// <summary>
/// A search space as text that a study stores beside its trials, one line per dimension in order (<c>name: kind [low, high]
/// step s log</c>, or <c>name: choice {a, b}</c>), numbers in the invariant culture and round-trip form: the stored unit-cube
/// points of a study mean the same values only under the same definition.
/// </summary>
internal static class SpaceDefinition
{
    /// <summary>The definition of <paramref name="space"/>.</summary>
    public static string Of(SearchSpace space) => string.Join('\n', space.Dimensions.Select(Line));

    /// <summary>What changed from <paramref name="stored"/> to <paramref name="requested"/>, one sentence per difference; none when equal.</summary>
    public static IReadOnlyList<string> Differences(string stored, string requested)
    {
        var before = Parse(stored);
        var after = Parse(requested);
        var differences = new List<string>();
        foreach (var (name, was) in before)
        {
            var now = after.FirstOrDefault(p => p.Name == name).Definition;
            if (now is null)
            {
                differences.Add($"'{name}' was removed (it was {was})");
            }
            else if (now != was)
            {
                differences.Add($"'{name}' changed from {was} to {now}");
            }
        }

        differences.AddRange(after.Where(p => before.All(b => b.Name != p.Name)).Select(p => $"'{p.Name}' was added ({p.Definition})"));
        var common = before.Select(p => p.Name).Where(n => after.Any(a => a.Name == n)).ToList();
        if (differences.Count == 0 && !common.SequenceEqual(after.Select(p => p.Name).Where(common.Contains)))
        {
            differences.Add($"the parameters' order changed from ({string.Join(", ", before.Select(p => p.Name))}) to ({string.Join(", ", after.Select(p => p.Name))})");
        }

        return differences;
    }

    /// <summary>
    /// The search space <paramref name="definition"/> describes, the inverse of <see cref="Of"/>: a stored study can be plotted,
    /// listed or exported without its objective's code.
    /// </summary>
    /// <exception cref="FormatException">A line is not one this version writes; the message quotes it.</exception>
    public static SearchSpace Read(string definition)
    {
        var dimensions = new List<Dimension>();
        foreach (var (name, text) in Parse(definition))
        {
            try
            {
                dimensions.Add(text switch
                {
                    _ when text.StartsWith("choice {", StringComparison.Ordinal) && text.EndsWith('}') =>
                        new CategoricalDimension(name, [.. text["choice {".Length..^1].Split(", ")]),
                    _ when text.StartsWith("real [", StringComparison.Ordinal) => ReadRange(text["real ".Length..], (low, high, step, log) =>
                        new RealDimension(name, ReadReal(low), ReadReal(high), log, step is null ? 0 : ReadReal(step))),
                    _ when text.StartsWith("integer [", StringComparison.Ordinal) => ReadRange(text["integer ".Length..], (low, high, step, log) =>
                        new IntegerDimension(name, ReadInteger(low), ReadInteger(high), log, step is null ? 1 : ReadInteger(step))),
                    _ => throw new FormatException(),
                });
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
            {
                throw new FormatException(
                    $"The stored search space has a line this version of AttrHpo cannot read: '{name}: {text}'. Was it written by a newer version?", exception);
            }
        }

        return new SearchSpace(dimensions);
    }

    /// <summary>The parameters' names in <paramref name="definition"/>, in order.</summary>
    public static IReadOnlyList<string> Names(string definition) => [.. Parse(definition).Select(p => p.Name)];

    private static List<(string Name, string Definition)> Parse(string definition) =>
        [.. definition.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? (line, string.Empty) : (line[..colon], line[(colon + 2)..]);
        })];

    private static Dimension ReadRange(string text, Func<string, string, string?, bool, Dimension> create)
    {
        var close = text.IndexOf(']', StringComparison.Ordinal);
        var bounds = close > 1 ? text[1..close].Split(", ") : [];
        if (bounds.Length != 2)
        {
            throw new FormatException();
        }

        var words = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stepAt = Array.IndexOf(words, "step");
        return create(bounds[0], bounds[1], stepAt >= 0 && stepAt + 1 < words.Length ? words[stepAt + 1] : null, words.Contains("log"));
    }

    private static double ReadReal(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long ReadInteger(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Line(Dimension dimension) => dimension switch
    {
        RealDimension real => $"{real.Name}: real [{Real(real.Low)}, {Real(real.High)}]{(real.Step > 0 ? " step " + Real(real.Step) : string.Empty)}{(real.Log ? " log" : string.Empty)}",
        IntegerDimension integer => $"{integer.Name}: integer [{Integer(integer.Low)}, {Integer(integer.High)}]{(integer.Step != 1 ? " step " + Integer(integer.Step) : string.Empty)}{(integer.Log ? " log" : string.Empty)}",
        CategoricalDimension choice => $"{choice.Name}: choice {{{string.Join(", ", choice.Labels)}}}",
        _ => $"{dimension.Name}: {dimension.GetType().Name} {dimension}",
    };

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
