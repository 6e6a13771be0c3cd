using System.Globalization;
using AttrHpo.Analyzers;

namespace AttrHpo.Annotations.Rules;

/// <summary>A <c>[Hyperparameter(low, high)]</c> on an <c>int</c> or <c>long</c>, as plain values.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="TypeName">The parameter's type as messages show it.</param>
/// <param name="IsInt32">Whether the parameter is an <c>int</c>.</param>
/// <param name="Low">The low bound as written: a boxed integer, or a real that must be whole.</param>
/// <param name="High">The high bound as written.</param>
/// <param name="Log">Whether <c>Log = true</c> is set.</param>
/// <param name="Step">The step, 0 when unset (a step of 1).</param>
/// <param name="Default">The parameter's numeric default value, if it has one.</param>
internal sealed record IntegerRange(string Name, string TypeName, bool IsInt32, object? Low, object? High, bool Log, double Step, double? Default);

/// <summary>Rules about <c>[Hyperparameter(low, high)]</c> on an <c>int</c> or <c>long</c>.</summary>
internal static class IntegerRangeRules
{
    public static IReadOnlyList<Violation> Check(IntegerRange range)
    {
        var (name, type, step) = (range.Name, range.TypeName, range.Step);
        var found = new List<Violation>();

        // A real bound counts only when it is whole (so [Hyperparameter(0.5, 2.5)] on an int is refused).
        if (!Numbers.TryGetInteger(range.Low, out var low) || !Numbers.TryGetInteger(range.High, out var high))
        {
            var offending = Numbers.TryGetInteger(range.Low, out _) ? range.High : range.Low;
            found.Add(Violation.Of(Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Value(offending)} {WhyNotInteger(offending, type)}"));
            return found;
        }

        if (range.IsInt32 && (low < int.MinValue || high > int.MaxValue))
        {
            var offending = low < int.MinValue ? low : high;
            found.Add(Violation.Of(Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Number(offending)} is outside int's range"));
            return found;
        }

        if (low >= high)
        {
            found.Add(Violation.Of(Descriptors.EmptyRange, Text.Number(low), Text.Number(high), name));
            return found;
        }

        if (range.Log && low < 1)
        {
            found.Add(Violation.Of(Descriptors.LogRangeNotPositive, name, Text.Number(low)));
        }

        if (StepRules.CheckSign(step, name) is { } badStep)
        {
            found.Add(badStep);
            return found;
        }

        if (!Numbers.TryGetInteger(step == 0 ? 1.0 : step, out var integerStep))
        {
            found.Add(Violation.Of(Descriptors.BoundDoesNotFitType, name, type, $"the step {Text.Number(step)} {WhyNotInteger(step, type)}"));
            return found;
        }

        var span = (decimal)high - low;
        if (integerStep > span)
        {
            found.Add(StepRules.LargerThanRange(Text.Number(integerStep), name, span.ToString(CultureInfo.InvariantCulture)));
            return found;
        }

        var top = low + (decimal.Floor(span / integerStep) * integerStep);
        if (top != high)
        {
            var reachable = top.ToString(CultureInfo.InvariantCulture);
            found.Add(Violation.Of(Descriptors.StepMissesHighBound, Text.Number(integerStep), name, Text.Number(low), Text.Number(high), reachable) with { Reachable = reachable });
        }

        if (range.Default is { } value && !(value >= low && value <= high && ((decimal)value - low) % integerStep == 0))
        {
            var description = $"[{Text.Number(low)}, {Text.Number(high)}]" + (integerStep != 1 ? " step " + Text.Number(integerStep) : string.Empty);
            found.Add(Violation.Of(Descriptors.DefaultOutsideSpace, Text.Number(value), name, description) with { Site = ViolationSite.Symbol });
        }

        return found;
    }

    /// <summary>Why a value that <see cref="Numbers.TryGetInteger"/> refused is no integer: it has a fraction, or it is whole but beyond a long.</summary>
    private static string WhyNotInteger(object? value, string type) =>
        Numbers.TryGetDouble(value, out var real) && Numbers.IsFinite(real) && Math.Floor(real) == real
            ? $"is outside {type}'s range"
            : "is not a whole number";
}
