using Microsoft.CodeAnalysis.CSharp;

namespace AttrHpo.Generators.Parsing;

/// <summary>Writes names as C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary>The name with <c>@</c> in front when it is a reserved keyword (<c>@class</c>).</summary>
    public static string Escape(string name) =>
        SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;
}
