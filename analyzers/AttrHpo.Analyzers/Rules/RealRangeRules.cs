using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Rules about <c>[Hyperparameter(low, high)]</c> on a <c>double</c> or <c>float</c>.</summary>
internal static class RealRangeRules
{
    /// <summary>Ranges with more grid values than this cannot be indexed by the runtime.</summary>
    private const double MaxGridValues = 4e18;

    public static void Check(IParameterSymbol parameter, AttributeData attribute, object? lowValue, object? highValue, bool log, double step, Reporter report)
    {
        if (!Numbers.TryGetDouble(lowValue, out var low) || !Numbers.TryGetDouble(highValue, out var high))
        {
            return;
        }

        var name = parameter.Name;
        var type = parameter.Type.ToDisplayString();
        var isSingle = parameter.Type.SpecialType == SpecialType.System_Single;
        foreach (var bound in new[] { low, high })
        {
            if (!Numbers.IsFinite(bound))
            {
                report.At(attribute, Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Number(bound)} is not finite");
                return;
            }

            if (isSingle && Math.Abs(bound) > float.MaxValue)
            {
                report.At(attribute, Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Number(bound)} is outside float's range");
                return;
            }
        }

        if (!(low < high))
        {
            report.At(attribute, Descriptors.EmptyRange, Text.Number(low), Text.Number(high), name);
            return;
        }

        if (isSingle && !((float)low < (float)high))
        {
            report.At(attribute, Descriptors.BoundDoesNotFitType, name, type, $"the bounds {Text.Number(low)} and {Text.Number(high)} are the same float");
            return;
        }

        if (log && low <= 0)
        {
            report.At(attribute, Descriptors.LogRangeNotPositive, name, Text.Number(low));
        }

        if (step < 0 || !Numbers.IsFinite(step))
        {
            report.At(attribute, Descriptors.InvalidStep, Text.Number(step), name, Numbers.IsFinite(step) ? "it must be positive. Use a positive step, or leave Step out for a continuous range" : "it must be finite. Use a positive step, or leave Step out for a continuous range");
            return;
        }

        if (step > 0 && (high - low) / step >= MaxGridValues)
        {
            report.At(attribute, Descriptors.InvalidStep, Text.Number(step), name, "it makes more than 4E+18 values. Use a larger step, or leave Step out for a continuous range");
            return;
        }

        if (step > (high - low) * (1 + 1e-9))
        {
            report.At(attribute, Descriptors.InvalidStep, Text.Number(step), name, $"it is larger than the range {Text.Number(high - low)}, so only the low bound is reachable. Use a step no larger than the range");
            return;
        }

        if (step > 0 && Grid.TopReachable(low, high, step) is { } top && top != high)
        {
            var properties = new Dictionary<string, string?> { [Grid.ReachableProperty] = Text.Number(top) };
            report.At(attribute, Descriptors.StepMissesHighBound, properties, Text.Number(step), name, Text.Number(low), Text.Number(high), Text.Number(top));
        }

        if (HyperparameterRules.TryGetNumericDefault(parameter, out var value) && !(value >= low && value <= high && (step == 0 || Grid.IsOnGrid(value, low, step))))
        {
            report.At(parameter, Descriptors.DefaultOutsideSpace, Text.Number(value), name, Describe(low, high, step, log));
        }
    }

    private static string Describe(double low, double high, double step, bool log) =>
        $"[{Text.Number(low)}, {Text.Number(high)}]" + (step > 0 ? " step " + Text.Number(step) : string.Empty) + (log ? ", log scale" : string.Empty);
}
