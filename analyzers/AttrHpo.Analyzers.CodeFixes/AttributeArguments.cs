using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers.CodeFixes;

/// <summary>Finds the attribute, and its positional arguments, that a diagnostic was reported at.</summary>
internal static class AttributeArguments
{
    public static async Task<AttributeSyntax?> FindAttributeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
    }

    /// <summary>The arguments written by position (no <c>Name =</c> or <c>name:</c>), in order.</summary>
    public static List<AttributeArgumentSyntax> Positional(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList() ?? [];
}
