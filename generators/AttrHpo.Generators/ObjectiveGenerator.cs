using AttrHpo.Analyzers;
using AttrHpo.Annotations.Rules;
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
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.ObjectiveAttribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (syntax, cancellationToken) => ObjectiveParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.Parsed);

        // Two outputs from one parse: source regenerates only when the model changes; diagnostics move with their lines.
        var objectives = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Valid);
        var diagnostics = parsed
            .Where(static result => result.Diagnostics.Count > 0)
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(objectives, static (output, spec) => output.AddSource(spec.HintName, ObjectiveEmitter.Emit(spec)));
        context.RegisterSourceOutput(diagnostics, static (output, problems) =>
        {
            foreach (var problem in problems)
            {
                output.ReportDiagnostic(Diagnostic.Create(Descriptors.ById(problem.Id), problem.ToLocation(), [.. problem.Arguments]));
            }
        });
    }
}
