using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>
/// Every annotation rule a method is subject to, in one call. The analyzers report what this returns; the generator emits
/// a working objective exactly when it returns no error (<see cref="Violations.AnyError"/>).
/// </summary>
internal static class AnnotationRules
{
    /// <summary>The violations of a method's AttrHpo annotations, whether or not it is marked <c>[Objective]</c>.</summary>
    public static IReadOnlyList<Violation> ForMethod(IMethodSymbol method)
    {
        var found = FindObjective(method) is { } objective ? ForObjective(method, objective) : ParameterRules.CheckStrayAnnotations(method);
        return FactoryRules.FindFactory(method) is { } factory ? [.. found, .. FactoryRules.Check(method, factory)] : found;
    }

    /// <summary>The violations of an objective method marked with <paramref name="objective"/>.</summary>
    public static IReadOnlyList<Violation> ForObjective(IMethodSymbol method, AttributeData objective) =>
        ObjectiveRules.CheckKind(method, objective) is { } notOrdinary
            ? [notOrdinary]
            : [.. ObjectiveRules.Check(method, objective), .. ParameterRules.Check(method, objective)];

    /// <summary>The method's <c>[Objective]</c>, if it has one.</summary>
    public static AttributeData? FindObjective(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.ObjectiveAttribute);
}
