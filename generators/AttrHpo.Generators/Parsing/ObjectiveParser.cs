using System.Collections.Immutable;
using AttrHpo.Analyzers;
using AttrHpo.Annotations.Rules;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Generators.Parsing;

/// <summary>
/// Turns an <c>[Objective]</c> method into a <see cref="ParseResult"/>. Three outcomes:
/// a valid <see cref="ObjectiveSpec"/>; a spec with <see cref="ObjectiveSpec.IsValid"/> false, whose code has the
/// declared shape but no shim, so that user code compiles and the analyzers' AHPO errors are what the user sees
/// (the compiler drops analyzer diagnostics from a build that already has errors); or no spec at all when no
/// code can be placed (the type is not partial, say), with the diagnostics only the generator can then report.
/// No symbol or syntax node survives in the result.
/// </summary>
internal static class ObjectiveParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is IMethodSymbol method && context.Attributes.Length == 1
            ? Parse(method, context.Attributes[0], cancellationToken)
            : new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

    public static ParseResult Parse(IMethodSymbol method, AttributeData objective, CancellationToken cancellationToken)
    {
        if (ObjectiveRules.CheckKind(method, objective) is not null)
        {
            // An explicit interface implementation, say: no code can call it by name. The analyzer reports AHPO038.
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var location = objective.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0];
        var problems = new List<DiagnosticInfo>();
        var containingTypes = ContainingTypes(method, location, problems, cancellationToken);
        if (containingTypes is null)
        {
            return new ParseResult(null, problems.ToEquatableArray());
        }

        var ns = method.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var segments = containingTypes.Value.Select(t => t.Name).Append(method.Name);
        var id = string.Join(".", ns.Length == 0 ? segments : segments.Prepend(ns));
        if (HasObjectiveOverload(method))
        {
            problems.Add(DiagnosticInfo.Create(Descriptors.IdCollision.Id, location, id, method.Name));
            return new ParseResult(null, problems.ToEquatableArray());
        }

        var taken = new[] { method.Name + "Parameters", method.Name + "Study" }
            .FirstOrDefault(name => method.ContainingType.GetMembers(name).Any(m => !m.IsImplicitlyDeclared));
        if (taken is not null)
        {
            problems.Add(DiagnosticInfo.Create(Descriptors.GeneratedNameTaken.Id, location, method.ContainingType.Name, taken));
            return new ParseResult(null, problems.ToEquatableArray());
        }

        if (PropertyNames.FindCollision(method) is { } collision)
        {
            problems.Add(DiagnosticInfo.Create(Descriptors.PropertyNameCollision.Id, location, collision.Parameter, collision.Property, method.Name + "Parameters", collision.Reason));
            return new ParseResult(null, problems.ToEquatableArray());
        }

        var maximize = objective.ConstructorArguments.Length == 1 && objective.ConstructorArguments[0].Value is int direction && direction == 1;
        var name = objective.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string;
        var gpu = objective.NamedArguments.FirstOrDefault(a => a.Key == "Gpu").Value.Value is true;
        var returns = ObjectiveRules.ReadReturn(method.ReturnType) is { } read ? new ReturnSpec(read.Wrapper, read.NumberType) : null;

        // Valid exactly when the analyzers report no error: the same rules decide. The parameters are then only built.
        var parameters = AnnotationRules.ForObjective(method, objective).AnyError() ? null : ParameterParser.ParseAll(method.Parameters);
        var valid = parameters is not null;
        var accessibility = ObjectiveRules.IsReachable(method.DeclaredAccessibility)
            ? (method.DeclaredAccessibility == Accessibility.Public ? "public" : "internal")
            : Keyword(method.DeclaredAccessibility);

        var spec = new ObjectiveSpec(
            ns,
            containingTypes.Value,
            method.Name,
            id,
            string.IsNullOrWhiteSpace(name) ? method.Name : name!,
            maximize,
            accessibility,
            returns ?? new ReturnSpec(ReturnWrapper.None, "double"),
            valid ? parameters!.Value : ParameterParser.Shape(method.Parameters))
        {
            IsValid = valid,
            DeclaresGpu = gpu,
        };
        return new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Whether another method of the same name in the same type is an objective too: their generated members would collide.</summary>
    private static bool HasObjectiveOverload(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name)
            .OfType<IMethodSymbol>()
            .Count(m => AnnotationRules.FindObjective(m) is not null) > 1;

    private static EquatableArray<ContainingTypeSpec>? ContainingTypes(IMethodSymbol method, Location location, List<DiagnosticInfo> problems, CancellationToken cancellationToken)
    {
        var types = ImmutableArray.CreateBuilder<ContainingTypeSpec>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!ObjectiveRules.IsReachable(type.DeclaredAccessibility))
            {
                problems.Add(DiagnosticInfo.Create(Descriptors.NotAccessible.Id, location, method.Name, $"its containing type '{type.Name}'", Keyword(type.DeclaredAccessibility)));
            }

            if (type.Arity != 0 || type.IsFileLocal || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                var what = type.Arity != 0 ? "generic" : type.IsFileLocal ? "file-local" : "an " + type.TypeKind.ToString().ToLowerInvariant();
                problems.Add(DiagnosticInfo.Create(Descriptors.UnsupportedContainingType.Id, location, type.Name, what));
            }
            else if (!IsPartial(type, cancellationToken))
            {
                problems.Add(DiagnosticInfo.Create(Descriptors.NotPartial.Id, location, type.Name, method.Name));
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

        return problems.Count == 0 ? types.ToImmutable().ToEquatableArray() : null;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

    private static string Keyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
