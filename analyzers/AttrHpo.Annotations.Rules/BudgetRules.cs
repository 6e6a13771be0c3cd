using AttrHpo.Analyzers;

namespace AttrHpo.Annotations.Rules;

/// <summary>A <c>[Budget(min, max)]</c>, as plain values.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="TypeName">The parameter's type as messages show it.</param>
/// <param name="IsInt32">Whether the parameter is an <c>int</c>.</param>
/// <param name="IsInt64">Whether the parameter is a <c>long</c>.</param>
/// <param name="Min">The smallest budget as written (boxed).</param>
/// <param name="Max">The full budget as written (boxed).</param>
internal sealed record BudgetBounds(string Name, string TypeName, bool IsInt32, bool IsInt64, object? Min, object? Max);

/// <summary>Rules about a <c>[Budget(min, max)]</c> parameter.</summary>
internal static class BudgetRules
{
    public static IReadOnlyList<Violation> Check(BudgetBounds budget)
    {
        if (!budget.IsInt32 && !budget.IsInt64)
        {
            return [Violation.Of(Descriptors.BudgetNotInteger, budget.Name, budget.TypeName)];
        }

        if (!Numbers.TryGetInteger(budget.Min, out var min) || !Numbers.TryGetInteger(budget.Max, out var max))
        {
            return []; // the compiler reports arguments that do not bind
        }

        if (min < 1 || min >= max)
        {
            return [Violation.Of(Descriptors.InvalidBudget, Text.Number(min), Text.Number(max), budget.Name, string.Empty)];
        }

        return budget.IsInt32 && max > int.MaxValue
            ? [Violation.Of(Descriptors.InvalidBudget, Text.Number(min), Text.Number(max), budget.Name, ", and max must fit an int")]
            : [];
    }
}
