using AttrHpo.Analyzers;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>
/// Rules about <c>[ObjectiveFactory]</c>: the static method that creates the instance an instance objective runs on in a
/// worker process. The analyzers report these at the factory; the generator emits working code for an instance objective
/// only when its type's factory, if it has one, breaks none (<see cref="Resolve"/>).
/// </summary>
internal static class FactoryRules
{
    /// <summary>The method's <c>[ObjectiveFactory]</c>, if it has one.</summary>
    public static AttributeData? FindFactory(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.ObjectiveFactoryAttribute);

    /// <summary>The violations of a method marked <c>[ObjectiveFactory]</c>.</summary>
    public static IReadOnlyList<Violation> Check(IMethodSymbol method, AttributeData factory)
    {
        var found = new List<Violation>();
        var type = method.ContainingType;
        if (Problem(method) is { } problem)
        {
            found.Add(Violation.AtAttribute(factory, Descriptors.InvalidFactory, method.Name, type.Name, problem));
        }

        if (Factories(type).Count > 1)
        {
            found.Add(Violation.AtAttribute(factory, Descriptors.MultipleFactories, type.Name));
        }

        if (!HasInstanceObjective(type))
        {
            found.Add(Violation.AtAttribute(factory, Descriptors.FactoryWithoutInstanceObjective, method.Name, type.Name));
        }

        return found;
    }

    /// <summary>
    /// For the type of an instance objective: whether its factories break no rule, and the name of its factory when it has
    /// one. Without a factory the objective is still valid: it runs in process on the instance it is given.
    /// </summary>
    public static (bool Valid, string? Name) Resolve(INamedTypeSymbol type)
    {
        var factories = Factories(type);
        return factories.Count switch
        {
            0 => (true, null),
            1 when Problem(factories[0]) is null => (true, factories[0].Name),
            _ => (false, null),
        };
    }

    /// <summary>Whether <paramref name="type"/> declares an instance method marked <c>[Objective]</c>.</summary>
    public static bool HasInstanceObjective(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(m => !m.IsStatic && AnnotationRules.FindObjective(m) is not null);

    /// <summary>Whether an instance objective of <paramref name="type"/> can run in a worker process: the type has a factory.</summary>
    public static bool HasFactory(INamedTypeSymbol type) => Factories(type).Count > 0;

    private static List<IMethodSymbol> Factories(INamedTypeSymbol type) =>
        [.. type.GetMembers().OfType<IMethodSymbol>().Where(m => FindFactory(m) is not null)];

    /// <summary>What is wrong with a factory, as the end of a sentence that begins with its name; null when nothing is.</summary>
    private static string? Problem(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "is " + ObjectiveRules.Describe(method.MethodKind);
        }

        if (!method.IsStatic)
        {
            return "is not static";
        }

        if (method.IsGenericMethod)
        {
            return "is generic";
        }

        if (method.Parameters.Length > 0)
        {
            return "takes parameters";
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ReturnType, method.ContainingType))
        {
            return $"returns {method.ReturnType.ToDisplayString()}, not {method.ContainingType.Name}";
        }

        return ObjectiveRules.IsReachable(method.DeclaredAccessibility)
            ? null
            : $"is {PlacementRules.Keyword(method.DeclaredAccessibility)}, which generated code cannot call";
    }
}
