using AttrHpo.Generators.Emitting;
using AttrHpo.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Generators;

/// <summary>
/// Emits, for every method marked <c>[AttrHpo.Objective]</c>, a typed parameters record, a search space, a worker shim
/// and a registration. Only wiring here: <see cref="ObjectiveParser"/> builds the model, <see cref="ObjectiveEmitter"/> writes it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ObjectiveGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var objectives = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.ObjectiveAttribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (syntax, cancellationToken) => ObjectiveParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.Parsed)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Valid);

        context.RegisterSourceOutput(objectives, static (output, spec) => output.AddSource(spec.HintName, ObjectiveEmitter.Emit(spec)));
    }
}
