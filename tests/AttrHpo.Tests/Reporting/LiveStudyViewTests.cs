using System.Text.RegularExpressions;
using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>The live panel drawn from one snapshot.</summary>
public sealed class LiveStudyViewTests
{
    [Fact]
    public void ARunningStudyShowsItsProgressAndTheEstimatedTimeLeft()
    {
        var text = Draw(Snapshot(ProgressStatus.Running) with { Remaining = TimeSpan.FromSeconds(79.6), Elapsed = TimeSpan.FromSeconds(3725) });

        Assert.Contains("Trials 4 of 10 done, 2 running", text, StringComparison.Ordinal);
        Assert.Contains("3 complete, 2 running, 1 failed, 0 pruned, 0 cancelled", text, StringComparison.Ordinal);
        Assert.Contains("5 trials from earlier runs", text, StringComparison.Ordinal);
        Assert.Contains("Elapsed 01:02:05", text, StringComparison.Ordinal);
        Assert.Contains("Remaining about 00:01:20", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Status", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutABudgetItCountsFinishedTrialsAndTheTimeLeftIsUnknown()
    {
        var text = Draw(Snapshot(ProgressStatus.Running) with { Planned = null, Remaining = null, Cancelled = 1 });

        Assert.Contains("Trials 5 finished, 2 running", text, StringComparison.Ordinal);
        Assert.Contains("Remaining unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhileCancellingItSaysThatTheRunningTrialsAreBeingStopped()
    {
        Assert.Contains("Status cancelling: stopping the running trials", Draw(Snapshot(ProgressStatus.Cancelling)), StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatLooksLikeMarkupOrHoldsControlCharactersIsShownInertOnOneLine()
    {
        var best = TrialFactory.Record(7, TrialState.Complete, 0.25) with { ParametersJson = """{"tag":"[red]x[/]","note":"[/]"}""" };
        var snapshot = Snapshot(ProgressStatus.Failed) with { StudyName = "[bold]s\u001b[2J", Best = best };

        var text = Draw(snapshot, new InvalidOperationException("bad [/] input\nsecond line"));

        Assert.Contains("Study [bold]s [2J", text, StringComparison.Ordinal);
        Assert.Contains("tag=[red]x[/] note=[/]", text, StringComparison.Ordinal);
        Assert.Contains("Error InvalidOperationException: bad [/] input second line", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }

    private static ProgressSnapshot Snapshot(ProgressStatus status) =>
        new("study", status, Complete: 3, Running: 2, Failed: 1, Pruned: 0, Cancelled: 0, Earlier: 5, Planned: 10, Best: null, TimeSpan.Zero, null);

    private static string Draw(ProgressSnapshot snapshot, Exception? failure = null)
    {
        using var console = new TestConsole();
        console.Width(120);
        console.Write(LiveStudyView.Render(snapshot, width: 119, failure));
        return Regex.Replace(console.Output, " +", " ");
    }
}
