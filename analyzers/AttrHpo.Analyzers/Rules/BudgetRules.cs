using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Rules about a <c>[Budget(min, max)]</c> parameter.</summary>
internal static class BudgetRules
{
    public static void Check(IParameterSymbol parameter, AttributeData budget, Reporter report)
    {
        var isInt32 = parameter.Type.SpecialType == SpecialType.System_Int32;
        if (!isInt32 && parameter.Type.SpecialType != SpecialType.System_Int64)
        {
            report.At(budget, Descriptors.BudgetNotInteger, parameter.Name, parameter.Type.ToDisplayString());
            return;
        }

        var arguments = budget.ConstructorArguments;
        if (arguments.Length != 2 || !Numbers.TryGetInteger(arguments[0].Value, out var min) || !Numbers.TryGetInteger(arguments[1].Value, out var max))
        {
            return; // the compiler reports arguments that do not bind
        }

        if (min < 1 || min >= max)
        {
            report.At(budget, Descriptors.InvalidBudget, Text.Number(min), Text.Number(max), parameter.Name, string.Empty);
        }
        else if (isInt32 && max > int.MaxValue)
        {
            report.At(budget, Descriptors.InvalidBudget, Text.Number(min), Text.Number(max), parameter.Name, ", and max must fit an int");
        }
    }
}
