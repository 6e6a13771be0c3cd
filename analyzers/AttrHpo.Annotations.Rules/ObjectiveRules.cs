using AttrHpo.Analyzers;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>How an objective method returns its value.</summary>
internal enum ReturnWrapper
{
    None,
    Task,
    ValueTask,
}

/// <summary>
/// Rules about the objective method itself: static or in a class, not generic, a number returned, reachable from generated code.
/// The containing types, the stable id and the generated names are <see cref="PlacementRules"/>.
/// </summary>
internal static class ObjectiveRules
{
    /// <summary>An <c>[Objective]</c> on something other than an ordinary method (an accessor, a local function): nothing can call it by name.</summary>
    public static Violation? CheckKind(IMethodSymbol method, AttributeData objective) =>
        method.MethodKind == MethodKind.Ordinary
            ? null
            : Violation.AtAttribute(objective, Descriptors.NotAnOrdinaryMethod, method.AssociatedSymbol?.Name ?? method.Name, Describe(method.MethodKind));

    public static IReadOnlyList<Violation> Check(IMethodSymbol method, AttributeData objective)
    {
        var found = new List<Violation>();
        if (!method.IsStatic && method.ContainingType.TypeKind != TypeKind.Class)
        {
            // An instance method of a class runs on the instance the study is created from (or the [ObjectiveFactory]'s).
            var kind = method.ContainingType.IsRecord ? "record struct" : method.ContainingType.TypeKind.ToString().ToLowerInvariant();
            found.Add(Violation.AtAttribute(objective, Descriptors.ObjectiveNotStatic, method.Name, kind, method.ContainingType.Name));
        }

        if (method.IsGenericMethod)
        {
            found.Add(Violation.AtAttribute(objective, Descriptors.GenericObjective, method.Name));
        }

        if (ReadReturn(method.ReturnType) is null)
        {
            found.Add(Violation.AtAttribute(objective, Descriptors.UnsupportedReturn, method.Name, method.ReturnType.ToDisplayString()) with { Site = ViolationSite.ReturnType, Symbol = method });
        }

        if (!IsReachable(method.DeclaredAccessibility))
        {
            found.Add(Violation.AtAttribute(objective, Descriptors.NotAccessible, method.Name, "the method", Describe(method.DeclaredAccessibility)));
        }

        return found;
    }

    /// <summary>How a method returning <paramref name="type"/> gives its number: double, float, int or long, directly or through Task or ValueTask; <see langword="null"/> for anything else.</summary>
    public static (ReturnWrapper Wrapper, string NumberType)? ReadReturn(ITypeSymbol type)
    {
        var wrapper = ReturnWrapper.None;
        if (type is INamedTypeSymbol { Arity: 1 } generic && (KnownNames.IsTask(generic) || KnownNames.IsValueTask(generic)))
        {
            wrapper = KnownNames.IsTask(generic) ? ReturnWrapper.Task : ReturnWrapper.ValueTask;
            type = generic.TypeArguments[0];
        }

        var number = type.SpecialType switch
        {
            SpecialType.System_Double => "double",
            SpecialType.System_Single => "float",
            SpecialType.System_Int32 => "int",
            SpecialType.System_Int64 => "long",
            _ => null,
        };
        return number is null ? null : (wrapper, number);
    }

    /// <summary>Whether generated code, in the same assembly, can reach a member or type declared with <paramref name="accessibility"/>.</summary>
    public static bool IsReachable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>What kind of method a non-ordinary method is, in words.</summary>
    public static string Describe(MethodKind kind) => kind switch
    {
        MethodKind.ExplicitInterfaceImplementation => "an explicit interface implementation",
        MethodKind.PropertyGet or MethodKind.PropertySet => "a property accessor",
        MethodKind.EventAdd or MethodKind.EventRemove => "an event accessor",
        MethodKind.UserDefinedOperator or MethodKind.Conversion => "an operator",
        MethodKind.Constructor or MethodKind.StaticConstructor => "a constructor",
        MethodKind.LocalFunction => "a local function",
        _ => "not an ordinary method",
    };

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
