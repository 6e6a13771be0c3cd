using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Rules about each parameter of an objective: what it is for, and whether a study can supply it.</summary>
internal static class ParameterRules
{
    public static void Check(IMethodSymbol method, AttributeData objective, Reporter report)
    {
        var budgets = 0;
        var accelerators = 0;
        foreach (var parameter in method.Parameters)
        {
            var hyperparameter = Find(parameter, KnownNames.HyperparameterAttribute);
            var budget = Find(parameter, KnownNames.BudgetAttribute);
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                report.At(parameter, Descriptors.ByReference, parameter.Name);
            }

            if (hyperparameter is not null && budget is not null)
            {
                report.At(budget, Descriptors.HyperparameterAndBudget, parameter.Name);
            }
            else if (hyperparameter is not null)
            {
                HyperparameterRules.Check(parameter, hyperparameter, report);
            }
            else if (budget is not null)
            {
                if (++budgets > 1)
                {
                    report.At(budget, Descriptors.MultipleBudgets, method.Name); // at each [Budget] after the first
                }

                BudgetRules.Check(parameter, budget, report);
            }
            else if (KnownNames.IsAccelerator(parameter.Type))
            {
                accelerators++;
            }
            else if (!KnownNames.IsInjected(parameter.Type))
            {
                report.At(parameter, Descriptors.NotSuppliable, parameter.Name);
            }
        }

        if (accelerators > 1)
        {
            report.At(objective, Descriptors.MultipleAccelerators, method.Name);
        }
    }

    /// <summary>Warns about [Hyperparameter] and [Budget] on a method that is not an objective: they do nothing there.</summary>
    public static void CheckStrayAnnotations(IMethodSymbol method, Reporter report)
    {
        foreach (var parameter in method.Parameters)
        {
            foreach (var name in new[] { KnownNames.HyperparameterAttribute, KnownNames.BudgetAttribute })
            {
                if (Find(parameter, name) is { } attribute)
                {
                    report.At(attribute, Descriptors.AnnotationWithoutObjective, name.Replace("Attribute", string.Empty), parameter.Name, MethodName(method));
                }
            }
        }
    }

    /// <summary>The method's name as the user wrote it: a constructor by its type's name, not <c>.ctor</c>.</summary>
    private static string MethodName(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor ? method.ContainingType.Name : method.Name;

    private static AttributeData? Find(IParameterSymbol parameter, string metadataName) =>
        parameter.GetAttributes().FirstOrDefault(a => KnownNames.IsRuntimeAttribute(a, metadataName));
}
