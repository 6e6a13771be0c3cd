using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers.CodeFixes;

/// <summary>AHPO011: removes the repeated choice the diagnostic points at.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDuplicateChoiceCodeFix)), Shared]
public sealed class RemoveDuplicateChoiceCodeFix : CodeFixProvider
{
    private const string Title = "Remove the duplicate choice";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.DuplicateChoice.Id];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // Reported at the duplicate argument when the choices are written one by one; otherwise there is nothing to remove safely.
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } argument
                || argument.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => RemoveAsync(context.Document, argument, ct), Title),
                diagnostic);
        }
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var list = (AttributeArgumentListSyntax)argument.Parent!;
        return document.WithSyntaxRoot(root!.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument))));
    }
}
