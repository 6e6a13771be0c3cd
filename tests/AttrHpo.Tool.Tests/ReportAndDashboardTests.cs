using System.Text.RegularExpressions;

namespace AttrHpo.Tool.Tests;

/// <summary><c>report</c> and <c>dashboard</c> on a file made by real studies (the pages' behaviour is tested in a browser in tests/AttrHpo.Browser.Tests).</summary>
public sealed partial class ReportAndDashboardTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task ReportWritesOnePageWithEveryTrialOfTheStudy()
    {
        var file = Path.Combine(fixture.NewFolder(), "report.html");
        var before = await File.ReadAllBytesAsync(fixture.File);

        var (code, output, error) = await Tool.RunAsync("report", "--storage", fixture.File, "--study", StudyFileFixture.Pruned, "--out", file);

        Assert.True(code == 0, error);
        Assert.Contains(file, output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        Assert.Equal((await fixture.TrialsAsync(StudyFileFixture.Pruned)).Count, Regex.Count(html, "<tr data-state="));
        Assert.Contains("<img class=\"plot\" alt=\"Intermediate values\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(fixture.File)); // read only
    }

    [Fact]
    public async Task ReportRefusesAnOutputThatIsNotAPageAndAnUnknownStudy()
    {
        var folder = fixture.NewFolder();

        var svg = await Tool.RunAsync("report", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "r.svg"));
        var unknown = await Tool.RunAsync("report", "-s", fixture.File, "--study", "nope", "-o", Path.Combine(folder, "r.html"));

        Assert.Equal(ExitCodes.Usage, svg.ExitCode);
        Assert.Contains("must end in .html", svg.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task DashboardServesTheStudiesUntilCancelledThenExitsCleanly()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var run = ToolCommands.RunAsync(["dashboard", "--storage", fixture.File, "--url", "http://127.0.0.1:0", "--refresh", "0.5"], synchronizedOutput, TextWriter.Synchronized(error), stop.Token);

        var address = await AddressAsync(output, run);
        using var http = new HttpClient { BaseAddress = address };
        var index = await http.GetStringAsync("/");
        var page = await http.GetStringAsync($"/studies/{StudyFileFixture.Asha}");
        var missing = await http.GetAsync("/studies/nope");
        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains($">{StudyFileFixture.Pruned}</a>", index, StringComparison.Ordinal);
        Assert.Contains($">{StudyFileFixture.Asha}</a>", index, StringComparison.Ordinal);
        Assert.Equal((await fixture.TrialsAsync(StudyFileFixture.Asha)).Count, Regex.Count(page, "<tr data-state="));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("Dashboard stopped.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardOnAMissingFileFailsBeforeServing()
    {
        var file = Path.Combine(fixture.NewFolder(), "none.db");

        var (code, output, error) = await Tool.RunAsync("dashboard", "--storage", file, "--url", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.DoesNotContain("Dashboard at", output, StringComparison.Ordinal);
        Assert.Contains("none.db", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private static async Task<Uri> AddressAsync(StringWriter output, Task<int> run)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (AddressLine().Match(output.ToString()) is { Success: true } match)
            {
                return new Uri(match.Groups["address"].Value);
            }

            Assert.False(run.IsCompleted, $"the dashboard ended: {output}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"no address after 30 s: {output}");
    }

    [GeneratedRegex(@"Dashboard at (?<address>http://\S+) ")]
    private static partial Regex AddressLine();
}
