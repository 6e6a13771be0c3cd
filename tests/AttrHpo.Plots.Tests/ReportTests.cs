using System.Text.RegularExpressions;

namespace AttrHpo.Plots.Tests;

/// <summary>The HTML report's content (the browser tests in tests/AttrHpo.Browser.Tests check how it behaves).</summary>
public sealed partial class ReportTests(StudiesFixture studies) : IClassFixture<StudiesFixture>
{
    [Fact]
    public async Task TheReportLinksToNothingOutsideItself()
    {
        var html = await studies.Pruned.Plots().GetReportHtmlAsync();

        Assert.Empty(ExternalReference().Matches(html).Select(m => m.Value));
        Assert.Contains("img-src data:", html, StringComparison.Ordinal); // and its policy forbids loading anything
        Assert.True(Regex.Count(html, "src=\"data:image/svg\\+xml;base64,") >= 6);
    }

    [Fact]
    public async Task APlotTheStudyCannotHaveIsReplacedByTheReason()
    {
        var pruned = await studies.Pruned.Plots().GetReportHtmlAsync();
        var asha = await studies.Asha.Plots().GetReportHtmlAsync();

        Assert.DoesNotContain("id=\"plot-rungs\"", pruned, StringComparison.Ordinal); // no budgets, so no section at all
        Assert.Contains("id=\"plot-rungs\"", asha, StringComparison.Ordinal);
        Assert.Contains("<figure id=\"plot-rungs\">\n<figcaption>Rung occupancy</figcaption>\n<img", asha, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTrialHasARowAndTheBestTrialIsNamed()
    {
        var trials = await studies.Pruned.GetTrialsAsync();
        var html = await studies.Pruned.Plots().GetReportHtmlAsync();
        var best = trials.Where(t => t.State == TrialState.Complete).MinBy(t => t.Value)!;

        Assert.Equal(trials.Count, Regex.Count(html, "<tr data-state="));
        Assert.Equal(trials.Count(t => t.State == TrialState.Pruned), Regex.Count(html, "<tr data-state=\"pruned\">"));
        Assert.Contains($"<dt>Trial</dt><dd>{best.Number}</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextFromTheStudyIsEscaped()
    {
        var records = (await studies.Pruned.GetTrialsAsync()).Select(t => t.Record with { Error = "<script>alert(1)</script>" }).ToList();
        var plots = new StudyPlots(records, studies.Pruned.Objective.Space, Direction.Minimize, "<b>study</b>");

        var html = await plots.GetReportHtmlAsync();

        Assert.Contains("&lt;b&gt;study&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>study</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileNotEndingInHtmlIsRefusedBeforeAnythingIsWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.svg");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => studies.Pruned.Plots().ReportAsync(path));

        Assert.Contains(".html", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [GeneratedRegex("(?:src|href)=\"(?!data:|#)[^\"]*\"|https?://(?!www\\.w3\\.org)")]
    private static partial Regex ExternalReference();
}
