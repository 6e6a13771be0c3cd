using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>The live panel on an interactive console: redrawn while trials run, left on screen as the summary however the call ends.</summary>
public sealed class StudyConsoleLiveTests
{
    [Fact]
    public async Task ThePanelShowsTheCountsAndTheBestTrialAndStaysAsTheSummary()
    {
        var objective = new TestObjective((_, t, _) =>
            t.Number == 1 ? throw new InvalidOperationException("diverged") : ValueTask.FromResult(10.0 - t.Number));
        var study = Study.Create(objective, new StudyOptions { Name = "live", TimeProvider = new ManualClock() });
        for (var i = 0; i < 3; i++)
        {
            await study.EnqueueAsync(new TestParameters(0.001, 0.3, 7, "adam"));
        }

        using var console = Interactive();
        await study.OptimizeWithConsoleAsync(trials: 3, display: Display(console));

        var panel = LastPanel(console);
        Assert.Contains("Study live", panel, StringComparison.Ordinal);
        Assert.Contains("3 of 3 done, 0 running", panel, StringComparison.Ordinal);
        Assert.Contains("2 complete, 0 running, 1 failed, 0 pruned, 0 cancelled", panel, StringComparison.Ordinal);
        Assert.Contains("Best 8 (trial 2)", panel, StringComparison.Ordinal);
        Assert.Contains("learningRate=0.001 dropout=0.3 layers=7 optimizer=adam", panel, StringComparison.Ordinal);
        Assert.Contains("Elapsed 00:00:00", panel, StringComparison.Ordinal);
        Assert.Contains("Status finished", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("trial    0", console.Output, StringComparison.Ordinal); // no plain lines
        Assert.Equal(78, console.Lines[0].Length); // two columns short of the console's 80, so that an echoed ^C cannot wrap
    }

    [Fact]
    public async Task ParametersAndNamesThatLookLikeMarkupAreShownAsTheyAre()
    {
        var study = MarkupLabels.ScoreStudy.Create(new StudyOptions { Name = "[bold]tags[/]" });
        await study.EnqueueAsync(new MarkupLabels.ScoreParameters("[/]", 2));
        await study.EnqueueAsync(new MarkupLabels.ScoreParameters("[red]alert", 1));

        using var console = Interactive();
        await study.OptimizeWithConsoleAsync(trials: 2, display: Display(console));

        var panel = LastPanel(console);
        Assert.Contains("Study [bold]tags[/]", panel, StringComparison.Ordinal);
        Assert.Contains("label=[red]alert size=1", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationLeavesAPanelThatSaysSo()
    {
        using var cts = new CancellationTokenSource();
        var objective = new TestObjective(async (_, t, ct) =>
        {
            if (t.Number == 2)
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return t.Number;
        });
        var study = Study.Create(objective, new StudyOptions { Name = "stopped", TimeProvider = new ManualClock() });
        using var console = Interactive();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => study.OptimizeWithConsoleAsync(trials: 10, display: Display(console), cancellationToken: cts.Token));

        var panel = LastPanel(console);
        Assert.Contains("2 of 10 done, 0 running", panel, StringComparison.Ordinal);
        Assert.Contains("2 complete, 0 running, 0 failed, 0 pruned, 1 cancelled", panel, StringComparison.Ordinal);
        Assert.Contains("Best 0 (trial 0)", panel, StringComparison.Ordinal);
        Assert.Contains("Status cancelled", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedStudyLeavesAPanelWithTheError()
    {
        var objective = new TestObjective((_, _, _) => throw new InvalidOperationException("no data"));
        var study = Study.Create(objective, new StudyOptions { Name = "broken", FailFastAfter = 2 });
        using var console = Interactive();
        console.Width(200);

        await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeWithConsoleAsync(trials: 10, display: Display(console)));

        var panel = LastPanel(console);
        Assert.Contains("Best none yet", panel, StringComparison.Ordinal);
        Assert.Contains("Status stopped by an error", panel, StringComparison.Ordinal);
        Assert.Contains("Error StudyFailedException: Study 'broken': the first 2 trials of this run all failed", panel, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoChoosesLiveOnlyOnAnInteractiveConsoleThatUnderstandsAnsi()
    {
        using var redirected = new TestConsole();
        using var interactive = new TestConsole();
        interactive.Interactive();
        using var dumb = new TestConsole();
        dumb.Interactive();
        dumb.SupportsAnsi(false);

        Assert.False(StudyConsole.ShowsLive(StudyDisplayMode.Auto, redirected));
        Assert.True(StudyConsole.ShowsLive(StudyDisplayMode.Auto, interactive));
        Assert.False(StudyConsole.ShowsLive(StudyDisplayMode.Auto, dumb));
        Assert.True(StudyConsole.ShowsLive(StudyDisplayMode.Live, redirected));
        Assert.False(StudyConsole.ShowsLive(StudyDisplayMode.Plain, interactive));
    }

    private static TestConsole Interactive()
    {
        var console = new TestConsole();
        console.Interactive();
        return console;
    }

    private static StudyConsoleOptions Display(TestConsole console) =>
        new() { Console = console, RefreshInterval = StudyConsoleOptions.MinRefreshInterval };

    /// <summary>The last frame the live display drew (from the last top border on), with runs of spaces made one.</summary>
    private static string LastPanel(TestConsole console) => Squeeze(console.Output[console.Output.LastIndexOf('╭')..]);

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, " +", " ");
}
