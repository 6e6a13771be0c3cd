using AttrHpo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Tests;

/// <summary>Each case of the <see cref="Catalogue"/>: exactly the marked diagnostics, at the marked spans, with the given messages.</summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string> Cases => Catalogue.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task The_analyzer_reports_exactly_the_marked_diagnostics(string name) =>
        AnalyzerVerifier.VerifyAsync(Catalogue.Get(name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_generator_reports_exactly_the_marked_diagnostics(string name)
    {
        var @case = Catalogue.Get(name);
        var result = await Pipeline.RunAsync(@case.Source);

        var expected = @case.Expected.Where(e => e.ByGenerator).Select(e => Describe(e.Id, e.Span.Start, e.Span.Length, e.Message));
        var actual = result.GeneratorDiagnostics
            .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => Describe(d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length, @case.Messages.Count == 0 ? null : d.GetMessage()));
        Assert.Equal(expected, actual);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(Pipeline.Path, d.Location.GetLineSpan().Path));
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(AnalyzerVerifier.Descriptors[d.Id].DefaultSeverity, d.Severity));
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(Descriptors.HelpBase + d.Id.ToLowerInvariant(), d.Descriptor.HelpLinkUri));
    }

    [Fact]
    public void Every_id_of_the_catalogue_has_a_case_with_its_full_message()
    {
        var covered = Catalogue.All.SelectMany(c => c.Expected).Where(e => e.Message is not null).Select(e => e.Id).ToHashSet();

        Assert.Empty(AnalyzerVerifier.Descriptors.Keys.Where(id => !covered.Contains(id)).Order());
    }

    [Fact]
    public void Every_id_is_reported_by_the_analyzer_or_the_generator_and_the_markup_says_which()
    {
        var byAnalyzer = new ObjectiveAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        var byGenerator = Descriptors.ReportedByGenerator.Select(d => d.Id).ToHashSet();

        Assert.Equal(AnalyzerVerifier.Descriptors.Keys.Order(), byAnalyzer.Union(byGenerator).Order());
        Assert.Equal(["AHPO033"], byAnalyzer.Intersect(byGenerator)); // the method by the analyzer, a containing type by the generator
        Assert.All(Catalogue.All.SelectMany(c => c.Expected), e => Assert.Contains(e.Id, e.ByGenerator ? byGenerator : byAnalyzer));
        Assert.All(
            new ObjectiveAnalyzer().SupportedDiagnostics,
            d => Assert.Same(AnalyzerVerifier.Descriptors[d.Id], d)); // the analyzer reports the catalogue's descriptors, not copies
    }

    [Theory]
    [InlineData("AHPO004 real step", "0.9")]
    [InlineData("AHPO004 real step, negative bounds", "-0.1")]
    [InlineData("AHPO004 int step", "9")]
    [InlineData("AHPO004 long step, negative bounds", "-10")]
    public async Task The_step_warning_carries_the_reachable_high_bound_for_the_code_fix(string name, string reachable)
    {
        var result = await Pipeline.RunAsync(Catalogue.Get(name).Source);

        var diagnostic = Assert.Single(result.AnalyzerDiagnostics);
        Assert.Equal("AHPO004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(reachable, diagnostic.Properties["Reachable"]);
    }

    private static string Describe(string id, int start, int length, string? message) =>
        $"{id} at [{start}..{start + length}){(message is null ? string.Empty : ": " + message)}";
}
