using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers.CodeFixes;

/// <summary>AHPO034: adds <c>partial</c> to every declaration of each type holding the objective that lacks it, in every file.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.NotPartial.Id];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null || model?.GetDeclaredSymbol(method, context.CancellationToken) is not IMethodSymbol symbol)
            {
                continue;
            }

            var declarations = ContainingTypes(symbol)
                .SelectMany(t => t.DeclaringSyntaxReferences)
                .Select(r => r.GetSyntax(context.CancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword))
                .ToList();
            if (declarations.Count == 0)
            {
                continue;
            }

            var names = string.Join("', '", declarations.Select(d => d.Identifier.Text).Distinct());
            var title = $"Make '{names}' partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddPartialAsync(context.Document.Project.Solution, declarations, ct), nameof(MakePartialCodeFix)),
                diagnostic);
        }
    }

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    private static async Task<Solution> AddPartialAsync(Solution solution, IReadOnlyList<TypeDeclarationSyntax> declarations, CancellationToken cancellationToken)
    {
        foreach (var group in declarations.GroupBy(d => d.SyntaxTree))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null)
            {
                continue;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var updated = root!.ReplaceNodes(group, (original, rewritten) => WithPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(document.Id, updated);
        }

        return solution;
    }

    /// <summary>Adds <c>partial</c> as the last modifier, where C# requires it: right before <c>class</c>, <c>struct</c> or <c>record</c>.</summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            // The keyword's leading trivia (indentation, comments) moves in front of the new modifier.
            partial = partial.WithLeadingTrivia(declaration.Keyword.LeadingTrivia);
            declaration = declaration.WithKeyword(declaration.Keyword.WithLeadingTrivia());
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }
}
