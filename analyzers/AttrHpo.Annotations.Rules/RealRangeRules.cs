using AttrHpo.Analyzers;

namespace AttrHpo.Annotations.Rules;

/// <summary>A <c>[Hyperparameter(low, high)]</c> on a <c>double</c> or <c>float</c>, as plain values.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="TypeName">The parameter's type as messages show it.</param>
/// <param name="IsSingle">Whether the parameter is a <c>float</c>.</param>
/// <param name="Low">The low bound.</param>
/// <param name="High">The high bound.</param>
/// <param name="Log">Whether <c>Log = true</c> is set.</param>
/// <param name="Step">The step, 0 for a continuous range.</param>
/// <param name="Default">The parameter's numeric default value, if it has one.</param>
internal sealed record RealRange(string Name, string TypeName, bool IsSingle, double Low, double High, bool Log, double Step, double? Default);

/// <summary>Rules about <c>[Hyperparameter(low, high)]</c> on a <c>double</c> or <c>float</c>.</summary>
internal static class RealRangeRules
{
    public static IReadOnlyList<Violation> Check(RealRange range)
    {
        var (name, type, low, high, step) = (range.Name, range.TypeName, range.Low, range.High, range.Step);
        var found = new List<Violation>();
        foreach (var bound in new[] { low, high })
        {
            if (!Numbers.IsFinite(bound))
            {
                found.Add(Violation.Of(Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Number(bound)} is not finite"));
                return found;
            }

            if (range.IsSingle && Math.Abs(bound) > float.MaxValue)
            {
                found.Add(Violation.Of(Descriptors.BoundDoesNotFitType, name, type, $"the bound {Text.Number(bound)} is outside float's range"));
                return found;
            }
        }

        if (!(low < high))
        {
            found.Add(Violation.Of(Descriptors.EmptyRange, Text.Number(low), Text.Number(high), name));
            return found;
        }

        if (range.IsSingle && !((float)low < (float)high))
        {
            found.Add(Violation.Of(Descriptors.BoundDoesNotFitType, name, type, $"the bounds {Text.Number(low)} and {Text.Number(high)} are the same float"));
            return found;
        }

        if (range.Log && low <= 0)
        {
            found.Add(Violation.Of(Descriptors.LogRangeNotPositive, name, Text.Number(low)));
        }

        if (StepRules.CheckSign(step, name) is { } badStep)
        {
            found.Add(badStep);
            return found;
        }

        if (step > 0 && (high - low) / step >= Grid.MaxValues)
        {
            found.Add(Violation.Of(Descriptors.InvalidStep, Text.Number(step), name, $"it makes more than {Text.Number(Grid.MaxValues)} values. Use a larger step, or leave Step out for a continuous range"));
            return found;
        }

        if (step > (high - low) * (1 + 1e-9))
        {
            found.Add(StepRules.LargerThanRange(Text.Number(step), name, Text.Number(high - low)));
            return found;
        }

        if (step > 0 && Grid.TopReachable(low, high, step) is { } top && top != high)
        {
            found.Add(Violation.Of(Descriptors.StepMissesHighBound, Text.Number(step), name, Text.Number(low), Text.Number(high), Text.Number(top)) with { Reachable = Text.Number(top) });
        }

        if (range.Default is { } value && !(value >= low && value <= high && (step == 0 || Grid.IsOnGrid(value, low, step))))
        {
            found.Add(Violation.Of(Descriptors.DefaultOutsideSpace, Text.Number(value), name, Describe(range)) with { Site = ViolationSite.Symbol });
        }

        return found;
    }

    private static string Describe(RealRange range) =>
        $"[{Text.Number(range.Low)}, {Text.Number(range.High)}]" + (range.Step > 0 ? " step " + Text.Number(range.Step) : string.Empty) + (range.Log ? ", log scale" : string.Empty);
}
