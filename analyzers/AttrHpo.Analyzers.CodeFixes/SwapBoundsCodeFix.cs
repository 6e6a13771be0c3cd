using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AttrHpo.Analyzers.CodeFixes;

/// <summary>AHPO001: swaps the low and high bounds of <c>[Hyperparameter(low, high)]</c>, keeping named arguments as they are.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwapBoundsCodeFix)), Shared]
public sealed class SwapBoundsCodeFix : CodeFixProvider
{
    private const string Title = "Swap low and high";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.EmptyRange.Id];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = await AttributeArguments.FindAttributeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            var bounds = attribute is null ? [] : AttributeArguments.Positional(attribute);
            if (attribute is null || bounds.Count != 2 || bounds[0].IsEquivalentTo(bounds[1]))
            {
                continue; // equal bounds: swapping changes nothing
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => SwapAsync(context.Document, bounds[0], bounds[1], ct), Title),
                diagnostic);
        }
    }

    private static async Task<Document> SwapAsync(Document document, SyntaxNode low, SyntaxNode high, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var swapped = root!.ReplaceNodes([low, high], (original, _) => original == low
            ? high.WithTriviaFrom(low)
            : low.WithTriviaFrom(high));
        return document.WithSyntaxRoot(swapped);
    }
}
