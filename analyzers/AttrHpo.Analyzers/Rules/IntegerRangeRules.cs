using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Rules about <c>[Hyperparameter(low, high)]</c> on an <c>int</c> or <c>long</c>.</summary>
internal static class IntegerRangeRules
{
    public static void Check(IParameterSymbol parameter, AttributeData attribute, object? lowValue, object? highValue, bool log, double step, Reporter report)
    {
        var name = parameter.Name;
        var type = parameter.Type.ToDisplayString();
        var isInt32 = parameter.Type.SpecialType == SpecialType.System_Int32;
        if (!TryBound(lowValue, out var low) || !TryBound(highValue, out var high))
        {
            var offending = TryBound(lowValue, out _) ? highValue : lowValue;
            report.At(attribute, Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Value(offending)} {WhyNotInteger(offending, type)}");
            return;
        }

        if (isInt32 && (low < int.MinValue || high > int.MaxValue))
        {
            var offending = low < int.MinValue ? low : high;
            report.At(attribute, Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Number(offending)} is outside int's range");
            return;
        }

        if (low >= high)
        {
            report.At(attribute, Descriptors.EmptyRange, Text.Number(low), Text.Number(high), name);
            return;
        }

        if (log && low < 1)
        {
            report.At(attribute, Descriptors.LogRangeNotPositive, name, Text.Number(low));
        }

        if (step < 0 || !Numbers.IsFinite(step))
        {
            report.At(attribute, Descriptors.InvalidStep, Text.Number(step), name, Numbers.IsFinite(step) ? "it must be positive. Use a positive step, or leave Step out for a continuous range" : "it must be finite. Use a positive step, or leave Step out for a continuous range");
            return;
        }

        if (!Numbers.TryGetInteger(step == 0 ? 1.0 : step, out var integerStep))
        {
            report.At(attribute, Descriptors.BoundDoesNotFitType, name, type, $"the step {Text.Number(step)} {WhyNotInteger(step, type)}");
            return;
        }

        var span = (decimal)high - low;
        if (integerStep > span)
        {
            report.At(attribute, Descriptors.InvalidStep, Text.Number(integerStep), name, $"it is larger than the range {span.ToString(System.Globalization.CultureInfo.InvariantCulture)}, so only the low bound is reachable. Use a step no larger than the range");
            return;
        }

        var top = low + (decimal.Floor(span / integerStep) * integerStep);
        if (top != high)
        {
            var properties = new Dictionary<string, string?> { [Grid.ReachableProperty] = top.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            report.At(attribute, Descriptors.StepMissesHighBound, properties, Text.Number(integerStep), name, Text.Number(low), Text.Number(high), top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (HyperparameterRules.TryGetNumericDefault(parameter, out var value) && !(value >= low && value <= high && ((decimal)value - low) % integerStep == 0))
        {
            var description = $"[{Text.Number(low)}, {Text.Number(high)}]" + (integerStep != 1 ? " step " + Text.Number(integerStep) : string.Empty);
            report.At(parameter, Descriptors.DefaultOutsideSpace, Text.Number(value), name, description);
        }
    }

    /// <summary>Why a value that <see cref="Numbers.TryGetInteger"/> refused is no integer: it has a fraction, or it is whole but beyond a long.</summary>
    private static string WhyNotInteger(object? value, string type) =>
        Numbers.TryGetDouble(value, out var real) && Numbers.IsFinite(real) && Math.Floor(real) == real
            ? $"is outside {type}'s range"
            : "is not a whole number";

    /// <summary>Reads an integer bound; a real counts only when it is whole (so <c>[Hyperparameter(0.5, 2.5)]</c> on an int is refused).</summary>
    private static bool TryBound(object? value, out long bound) => Numbers.TryGetInteger(value, out bound);
}
