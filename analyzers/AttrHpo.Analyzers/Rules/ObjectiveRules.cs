using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Rules about the objective method itself and the types that hold it. Reported at the <c>[Objective]</c> attribute, or at the return type for a return the study cannot use.</summary>
internal static class ObjectiveRules
{
    public static void Check(IMethodSymbol method, AttributeData objective, Reporter report)
    {
        if (!method.IsStatic)
        {
            report.At(objective, Descriptors.ObjectiveNotStatic, method.Name);
        }

        if (method.IsGenericMethod)
        {
            report.At(objective, Descriptors.GenericObjective, method.Name);
        }

        if (!IsSupportedReturn(method.ReturnType))
        {
            report.AtReturnType(method, objective, Descriptors.UnsupportedReturn, method.Name, method.ReturnType.ToDisplayString());
        }

        if (!IsReachable(method.DeclaredAccessibility))
        {
            report.At(objective, Descriptors.NotAccessible, method.Name, "the method", Describe(method.DeclaredAccessibility));
        }

        // Problems with the containing types, colliding ids and taken names stop the generator from emitting anything;
        // then user code that names the generated types fails to compile, and errors in declarations hide analyzer
        // diagnostics. So the generator reports those itself.
    }

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

    private static bool IsSupportedReturn(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Arity: 1 } generic && (KnownNames.IsTask(generic) || KnownNames.IsValueTask(generic)))
        {
            type = generic.TypeArguments[0];
        }

        return type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64;
    }

    private static bool IsReachable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
