using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers.CodeFixes;

/// <summary>AHPO032: makes an instance objective of a struct <c>static</c>, the modifier placed after its accessibility.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStaticCodeFix)), Shared]
public sealed class MakeStaticCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.ObjectiveNotStatic.Id];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null || method.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{method.Identifier.Text}' static",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root!.ReplaceNode(method, WithStatic(method)))),
                    nameof(MakeStaticCodeFix)),
                diagnostic);
        }
    }

    /// <summary>Adds <c>static</c> after the accessibility modifiers (<c>public static async</c>), or first when there are none.</summary>
    private static MethodDeclarationSyntax WithStatic(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers;
        var index = 0;
        while (index < modifiers.Count && modifiers[index].Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.PrivateKeyword)
        {
            index++;
        }

        var keyword = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (modifiers.Count == 0)
        {
            // The return type's leading trivia (the indentation) moves in front of the new modifier.
            keyword = keyword.WithLeadingTrivia(method.ReturnType.GetLeadingTrivia());
            return method.WithReturnType(method.ReturnType.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(keyword));
        }

        return method.WithModifiers(modifiers.Insert(index, keyword));
    }
}
