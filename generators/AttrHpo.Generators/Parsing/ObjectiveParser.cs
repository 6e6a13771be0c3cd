using System.Collections.Immutable;
using AttrHpo.Annotations.Rules;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;

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

        var placement = PlacementRules.Check(method, objective, cancellationToken);
        if (placement.Count > 0)
        {
            var location = objective.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0];
            return new ParseResult(null, placement.Select(v => DiagnosticInfo.Create(v.Descriptor.Id, location, [.. v.Arguments])).ToEquatableArray());
        }

        var maximize = objective.ConstructorArguments.Length == 1 && objective.ConstructorArguments[0].Value is int direction && direction == 1;
        var name = objective.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string;
        var gpu = objective.NamedArguments.FirstOrDefault(a => a.Key == "Gpu").Value.Value is true;
        var returns = ObjectiveRules.ReadReturn(method.ReturnType) is { } read ? new ReturnSpec(read.Wrapper, read.NumberType) : null;

        // Valid exactly when the analyzers report no error: the same rules decide. The parameters are then only built.
        // An instance objective is valid only with a valid [ObjectiveFactory] or none: the analyzers report AHPO060/061 at the factory.
        var factory = method.IsStatic ? (Valid: true, Name: (string?)null) : FactoryRules.Resolve(method.ContainingType);
        var parameters = AnnotationRules.ForObjective(method, objective).AnyError() || !factory.Valid ? null : ParameterParser.ParseAll(method.Parameters);
        var valid = parameters is not null;
        var accessibility = ObjectiveRules.IsReachable(method.DeclaredAccessibility)
            ? (method.DeclaredAccessibility == Accessibility.Public ? "public" : "internal")
            : PlacementRules.Keyword(method.DeclaredAccessibility);

        var spec = new ObjectiveSpec(
            method.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            ContainingTypes(method),
            method.Name,
            PlacementRules.StableId(method),
            string.IsNullOrWhiteSpace(name) ? method.Name : name!,
            maximize,
            accessibility,
            returns ?? new ReturnSpec(ReturnWrapper.None, "double"),
            valid ? parameters!.Value : ParameterParser.Shape(method.Parameters))
        {
            IsValid = valid,
            DeclaresGpu = gpu,
            IsInstance = !method.IsStatic,
            Factory = factory.Name,
        };
        return new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The types that hold the method, outermost first, as the generated code re-declares them.</summary>
    private static EquatableArray<ContainingTypeSpec> ContainingTypes(IMethodSymbol method)
    {
        var types = ImmutableArray.CreateBuilder<ContainingTypeSpec>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
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
}
