using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AttrHpo.Analyzers.Tests.Infrastructure;

/// <summary>One diagnostic a case expects: its id, exact span in the unmarked source, who reports it, and (optionally) its full message.</summary>
internal sealed record Expected(string Id, TextSpan Span, bool ByGenerator, string? Message);

/// <summary>
/// A test source in markup. <c>{|AHPO001:text|}</c> marks the exact span of a diagnostic the analyzer reports,
/// <c>{|generator.AHPO034:text|}</c> one the generator reports. <see cref="Messages"/>, when given, are the full messages
/// of the marked diagnostics in source order (by span start, then id).
/// </summary>
internal sealed class Case(string name, string markup, params string[] messages)
{
    public const string GeneratorPrefix = "generator.";

    private (string, IReadOnlyList<Expected>)? parsed;

    public string Name { get; } = name;

    public string Markup { get; } = markup;

    public IReadOnlyList<string> Messages { get; } = messages;

    /// <summary>The source without markup.</summary>
    public string Source => Parsed.Source;

    /// <summary>Every diagnostic the case expects, in source order.</summary>
    public IReadOnlyList<Expected> Expected => Parsed.Expected;

    private (string Source, IReadOnlyList<Expected> Expected) Parsed => parsed ??= Parse();

    public override string ToString() => Name;

    private (string, IReadOnlyList<Expected>) Parse()
    {
        TestFileMarkupParser.GetSpans(Markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var marked = spans
            .Where(pair => pair.Key.Length > 0)
            .SelectMany(pair => pair.Value.Select(span => (Name: pair.Key, Span: span)))
            .OrderBy(m => m.Span.Start).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        if (spans.ContainsKey(string.Empty))
        {
            throw new InvalidOperationException($"{Name}: unnamed markup span; name it with the diagnostic id.");
        }

        if (Messages.Count != 0 && Messages.Count != marked.Count)
        {
            throw new InvalidOperationException($"{Name}: {Messages.Count} messages for {marked.Count} marked diagnostics.");
        }

        var expected = marked.Select((m, i) =>
        {
            var byGenerator = m.Name.StartsWith(GeneratorPrefix, StringComparison.Ordinal);
            var id = byGenerator ? m.Name.Substring(GeneratorPrefix.Length) : m.Name;
            return new Expected(id, m.Span, byGenerator, Messages.Count == 0 ? null : Messages[i]);
        });
        return (source, expected.ToList());
    }
}
