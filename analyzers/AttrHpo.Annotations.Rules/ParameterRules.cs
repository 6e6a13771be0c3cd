using AttrHpo.Analyzers;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>Rules about each parameter of an objective: what it is for, and whether a study can supply it.</summary>
internal static class ParameterRules
{
    public static IReadOnlyList<Violation> Check(IMethodSymbol method, AttributeData objective)
    {
        var found = new List<Violation>();
        var budgets = 0;
        var accelerators = 0;
        var devices = 0;
        foreach (var parameter in method.Parameters)
        {
            var hyperparameter = KnownNames.FindRuntimeAttribute(parameter, KnownNames.HyperparameterAttribute);
            var budget = KnownNames.FindRuntimeAttribute(parameter, KnownNames.BudgetAttribute);
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                found.Add(Violation.AtSymbol(parameter, Descriptors.ByReference, parameter.Name));
            }

            if (hyperparameter is not null && budget is not null)
            {
                found.Add(Violation.AtAttribute(budget, Descriptors.HyperparameterAndBudget, parameter.Name));
            }
            else if (hyperparameter is not null)
            {
                found.AddRange(HyperparameterRules.Check(parameter, hyperparameter).About(hyperparameter, parameter));
            }
            else if (budget is not null)
            {
                if (++budgets > 1)
                {
                    found.Add(Violation.AtAttribute(budget, Descriptors.MultipleBudgets, method.Name)); // at each [Budget] after the first
                }

                found.AddRange(BudgetRules.Check(ReadBudget(parameter, budget)).About(budget, parameter));
            }
            else if (KnownNames.IsAccelerator(parameter.Type))
            {
                accelerators++;
            }
            else if (KnownNames.IsGpuDevice(parameter.Type))
            {
                devices++;
            }
            else if (!KnownNames.IsInjected(parameter.Type))
            {
                found.Add(Violation.AtSymbol(parameter, Descriptors.NotSuppliable, parameter.Name));
            }
        }

        if (accelerators > 1)
        {
            found.Add(Violation.AtAttribute(objective, Descriptors.MultipleAccelerators, method.Name, "ILGPU Accelerator"));
        }

        if (devices > 1)
        {
            found.Add(Violation.AtAttribute(objective, Descriptors.MultipleAccelerators, method.Name, "GpuDevice"));
        }

        return found;
    }

    /// <summary>[Hyperparameter] and [Budget] on a method that is not an objective: they do nothing there (a warning).</summary>
    public static IReadOnlyList<Violation> CheckStrayAnnotations(IMethodSymbol method)
    {
        var found = new List<Violation>();
        foreach (var parameter in method.Parameters)
        {
            foreach (var name in new[] { KnownNames.HyperparameterAttribute, KnownNames.BudgetAttribute })
            {
                if (KnownNames.FindRuntimeAttribute(parameter, name) is { } attribute)
                {
                    found.Add(Violation.AtAttribute(attribute, Descriptors.AnnotationWithoutObjective, name.Replace("Attribute", string.Empty), parameter.Name, MethodName(method)));
                }
            }
        }

        return found;
    }

    /// <summary>The bounds of a <c>[Budget(min, max)]</c> on <paramref name="parameter"/>, for <see cref="BudgetRules"/>.</summary>
    public static BudgetBounds ReadBudget(IParameterSymbol parameter, AttributeData budget)
    {
        var arguments = budget.ConstructorArguments;
        var type = parameter.Type;
        return new BudgetBounds(
            parameter.Name,
            type.ToDisplayString(),
            type.SpecialType == SpecialType.System_Int32,
            type.SpecialType == SpecialType.System_Int64,
            arguments.Length == 2 ? arguments[0].Value : null,
            arguments.Length == 2 ? arguments[1].Value : null);
    }

    /// <summary>The method's name as the user wrote it: a constructor by its type's name, not <c>.ctor</c>.</summary>
    private static string MethodName(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor ? method.ContainingType.Name : method.Name;
}
