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

    /// <summary>The parameters' names in <paramref name="definition"/>, in order.</summary>
    public static IReadOnlyList<string> Names(string definition) => [.. Parse(definition).Select(p => p.Name)];

    private static List<(string Name, string Definition)> Parse(string definition) =>
        [.. definition.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? (line, string.Empty) : (line[..colon], line[(colon + 2)..]);
        })];

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
