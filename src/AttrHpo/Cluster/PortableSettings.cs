using System.Globalization;

namespace AttrHpo;

/// <summary>
/// Pruning and promotion settings read back from their text (<see cref="Pruning.Portable"/>, <see cref="Promotion.Portable"/>):
/// the form in which a cluster's coordinator keeps them in its grain state, so that any activation rebuilds the same rule.
/// </summary>
internal static class PortableSettings
{
    /// <summary>The pruning setting written as <paramref name="text"/>; none for <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The text is not one that <see cref="Pruning.Portable"/> writes.</exception>
    public static Pruning? Pruning(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(':');
        return (parts[0], parts.Length) switch
        {
            ("sh", 4) => AttrHpo.Pruning.SuccessiveHalving(Long(parts[1], text), Int(parts[2], text), Int(parts[3], text)),
            ("hyperband", 4) => AttrHpo.Pruning.Hyperband(Long(parts[1], text), Long(parts[2], text), Int(parts[3], text)),
            ("median", 3) => AttrHpo.Pruning.Median(Int(parts[1], text), Long(parts[2], text)),
            _ => throw new FormatException($"'{text}' is not a pruning setting (sh:MIN:FACTOR:RATE, hyperband:MIN:MAX:FACTOR or median:STARTUP:WARMUP)."),
        };
    }

    /// <summary>The promotion setting written as <paramref name="text"/>; none for <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The text is not one that <see cref="Promotion.Portable"/> writes.</exception>
    public static Promotion? Promotion(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(':');
        return (parts[0], parts.Length) switch
        {
            ("asha", 4) => AttrHpo.Promotion.Asha(Int(parts[1], text), Int(parts[2], text), OptionalLong(parts[3], text)),
            ("hyperband", 3) => AttrHpo.Promotion.Hyperband(Int(parts[1], text), OptionalLong(parts[2], text)),
            _ => throw new FormatException($"'{text}' is not a promotion setting (asha:FACTOR:RATE:MIN or hyperband:FACTOR:MIN)."),
        };
    }

    private static int Int(string part, string text) =>
        int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(text);

    private static long Long(string part, string text) =>
        long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(text);

    private static long? OptionalLong(string part, string text) => part.Length == 0 ? null : Long(part, text);

    private static FormatException Bad(string text) => new($"'{text}' holds a number that cannot be read.");
}
