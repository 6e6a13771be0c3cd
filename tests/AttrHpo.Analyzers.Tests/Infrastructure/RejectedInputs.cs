using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers.Tests.Infrastructure;

/// <summary>
/// The inputs of the generator tests' RejectedInputTests.cs (embedded as text, one source of truth): every string literal
/// there that declares an objective, completed as that file completes it.
/// </summary>
internal static class RejectedInputs
{
    public static IReadOnlyList<string> All { get; } = Read();

    private static List<string> Read()
    {
        using var stream = typeof(RejectedInputs).Assembly.GetManifestResourceStream("RejectedInputTests.cs")
            ?? throw new InvalidOperationException("RejectedInputTests.cs is not embedded.");
        using var reader = new StreamReader(stream);
        var root = CSharpSyntaxTree.ParseText(reader.ReadToEnd()).GetRoot();
        var inputs = root.DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText.Contains("[Objective]", StringComparison.Ordinal))
            .Select(l => l.Token.ValueText)
            .Select(text => text.Contains("namespace", StringComparison.Ordinal) ? text : "using AttrHpo;\nnamespace Demo;\n" + text)
            .ToList();
        return inputs.Count >= 20 ? inputs : throw new InvalidOperationException($"Only {inputs.Count} rejected inputs found: has RejectedInputTests.cs changed shape?");
    }
}
