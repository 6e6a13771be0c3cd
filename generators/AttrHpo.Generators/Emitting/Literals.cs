using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace AttrHpo.Generators.Emitting;

/// <summary>
/// C# literals for values taken from attribute arguments. Always the invariant culture: under fi-FI, .NET writes
/// a negative number with U+2212 (a minus sign that is not C#'s hyphen-minus), and de-DE writes a decimal comma.
/// Doubles are written in their shortest form that parses back to the same bits, so <c>1e-5</c> stays <c>1E-05</c>.
/// </summary>
internal static class Literals
{
    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        var text = RoundTrip(value);
        return text.IndexOfAny(['.', 'E', 'e']) >= 0 ? text : text + ".0";
    }

    public static string Single(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        }

        return text + "f";
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Boolean(bool value) => value ? "true" : "false";

    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A number as reports show it: the shortest round-trip form, invariant culture.</summary>
    public static string Label(double value) => RoundTrip(value);

    private static string RoundTrip(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value
            ? text
            : value.ToString("G17", CultureInfo.InvariantCulture);
    }
}
