using System.Collections.Immutable;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Generators.Parsing;

/// <summary>
/// Turns an <c>[Objective]</c> method into an <see cref="ObjectiveSpec"/>. Returns <see langword="null"/> for a method
/// the generator cannot emit valid code for; the analyzers report why, at the offending attribute.
/// No symbol or syntax node survives in the result.
/// </summary>
internal static class ObjectiveParser
{
    public static ObjectiveSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is IMethodSymbol method && context.Attributes.Length == 1
            ? Parse(method, context.Attributes[0], cancellationToken)
            : null;

    public static ObjectiveSpec? Parse(IMethodSymbol method, AttributeData objective, CancellationToken cancellationToken)
    {
        if (!method.IsStatic || method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary || HasObjectiveOverload(method))
        {
            return null;
        }

        var accessibility = method.DeclaredAccessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal or Accessibility.ProtectedOrInternal => "internal",
            _ => null,
        };
        var containingTypes = ContainingTypes(method.ContainingType, cancellationToken);
        var returns = ParseReturn(method.ReturnType);
        var parameters = ParameterParser.ParseAll(method.Parameters);
        if (accessibility is null || containingTypes is null || returns is null || parameters is null)
        {
            return null;
        }

        var ns = method.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var segments = containingTypes.Value.Select(t => t.Name).Append(method.Name);
        var id = string.Join(".", ns.Length == 0 ? segments : segments.Prepend(ns));
        var maximize = objective.ConstructorArguments.Length == 1 && objective.ConstructorArguments[0].Value is int direction && direction == 1;
        var name = objective.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string;

        return new ObjectiveSpec(
            ns,
            containingTypes.Value,
            method.Name,
            id,
            string.IsNullOrWhiteSpace(name) ? method.Name : name!,
            maximize,
            accessibility,
            returns,
            parameters.Value);
    }

    /// <summary>Whether another method of the same name in the same type is an objective too: their generated members would collide.</summary>
    private static bool HasObjectiveOverload(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name)
            .OfType<IMethodSymbol>()
            .Count(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.ObjectiveAttribute)) > 1;

    private static EquatableArray<ContainingTypeSpec>? ContainingTypes(INamedTypeSymbol? type, CancellationToken cancellationToken)
    {
        var types = ImmutableArray.CreateBuilder<ContainingTypeSpec>();
        for (; type is not null; type = type.ContainingType)
        {
            var accessible = type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
            if (!accessible || type.Arity != 0 || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || !IsPartial(type, cancellationToken))
            {
                return null;
            }

            var keyword = (type.IsRecord, type.TypeKind) switch
            {
                (true, TypeKind.Struct) => "record struct",
                (true, _) => "record",
                (false, TypeKind.Struct) => "struct",
                _ => "class",
            };
            types.Insert(0, new ContainingTypeSpec(keyword, type.Name));
        }

        return types.ToImmutable().ToEquatableArray();
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

    private static ReturnSpec? ParseReturn(ITypeSymbol type)
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
        return number is null ? null : new ReturnSpec(wrapper, number);
    }
}
