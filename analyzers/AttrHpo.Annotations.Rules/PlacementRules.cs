using AttrHpo.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Annotations.Rules;

/// <summary>
/// Rules about where the generated code goes: the types that hold the objective, its stable id, and the names the
/// generator adds. With one of these broken no code can be placed at all, and then user code that names the generated
/// types fails to compile, and errors in declarations hide analyzer diagnostics. So the generator reports these itself
/// (<see cref="Descriptors.ReportedByGenerator"/>), each at the <c>[Objective]</c> attribute.
/// </summary>
internal static class PlacementRules
{
    /// <summary>The first group of broken placement rules: every containing type's problems, or else a taken id or name.</summary>
    public static IReadOnlyList<Violation> Check(IMethodSymbol method, AttributeData objective, CancellationToken cancellationToken)
    {
        var found = CheckContainingTypes(method, objective, cancellationToken);
        if (found.Count > 0)
        {
            return found;
        }

        if (HasObjectiveOverload(method))
        {
            return [Violation.AtAttribute(objective, Descriptors.IdCollision, StableId(method), method.Name)];
        }

        var taken = new[] { method.Name + "Parameters", method.Name + "Study" }
            .FirstOrDefault(name => method.ContainingType.GetMembers(name).Any(m => !m.IsImplicitlyDeclared));
        if (taken is not null)
        {
            return [Violation.AtAttribute(objective, Descriptors.GeneratedNameTaken, method.ContainingType.Name, taken)];
        }

        return PropertyNames.FindCollision(method) is { } collision
            ? [Violation.AtAttribute(objective, Descriptors.PropertyNameCollision, collision.Parameter, collision.Property, method.Name + "Parameters", collision.Reason)]
            : [];
    }

    /// <summary>The objective's stable id: <c>Namespace.Outer.Inner.Method</c>.</summary>
    public static string StableId(IMethodSymbol method)
    {
        var segments = new List<string> { method.Name };
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            segments.Insert(0, type.Name);
        }

        if (method.ContainingType?.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            segments.Insert(0, ns.ToDisplayString());
        }

        return string.Join(".", segments);
    }

    /// <summary>The accessibility as its C# keyword.</summary>
    public static string Keyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static List<Violation> CheckContainingTypes(IMethodSymbol method, AttributeData objective, CancellationToken cancellationToken)
    {
        var found = new List<Violation>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!ObjectiveRules.IsReachable(type.DeclaredAccessibility))
            {
                found.Add(Violation.AtAttribute(objective, Descriptors.NotAccessible, method.Name, $"its containing type '{type.Name}'", Keyword(type.DeclaredAccessibility)));
            }

            if (type.Arity != 0 || type.IsFileLocal || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                var what = type.Arity != 0 ? "generic" : type.IsFileLocal ? "file-local" : "an " + type.TypeKind.ToString().ToLowerInvariant();
                found.Add(Violation.AtAttribute(objective, Descriptors.UnsupportedContainingType, type.Name, what));
            }
            else if (!IsPartial(type, cancellationToken))
            {
                found.Add(Violation.AtAttribute(objective, Descriptors.NotPartial, type.Name, method.Name));
            }
        }

        return found;
    }

    /// <summary>Whether another method of the same name in the same type is an objective too: their generated members would collide.</summary>
    private static bool HasObjectiveOverload(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Count(m => AnnotationRules.FindObjective(m) is not null) > 1;

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));
}
