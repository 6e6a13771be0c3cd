using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers.CodeFixes;

/// <summary>AHPO004: sets the high bound to the largest value the step reaches, carried by the diagnostic.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SnapHighBoundCodeFix)), Shared]
public sealed class SnapHighBoundCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.StepMissesHighBound.Id];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = await AttributeArguments.FindAttributeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            var bounds = attribute is null ? [] : AttributeArguments.Positional(attribute);
            if (bounds.Count != 2 || !diagnostic.Properties.TryGetValue(Grid.ReachableProperty, out var reachable) || reachable is null)
            {
                continue;
            }

            var literal = Literal(reachable, bounds[1].Expression);
            var title = $"Set the high bound to {literal}";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ReplaceAsync(context.Document, bounds[1].Expression, literal, ct), nameof(SnapHighBoundCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The reachable value written like the bound it replaces: a whole number stays an integer literal, a real gets a decimal point.</summary>
    private static string Literal(string reachable, ExpressionSyntax original)
    {
        var integral = long.TryParse(reachable, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        var originalIsInteger = original.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Any(l => l.Token.Value is int or long or uint or ulong);
        if (integral && originalIsInteger)
        {
            return reachable;
        }

        return reachable.IndexOfAny(['.', 'E', 'e']) >= 0 ? reachable : reachable + ".0";
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax high, string literal, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var replacement = SyntaxFactory.ParseExpression(literal).WithTriviaFrom(high);
        return document.WithSyntaxRoot(root!.ReplaceNode(high, replacement));
    }
}
