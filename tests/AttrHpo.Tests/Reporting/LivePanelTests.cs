using System.Globalization;
using System.Text.RegularExpressions;
using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>The live panel drawn from one snapshot.</summary>
public sealed class LivePanelTests
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

    [Fact]
    public void WhileOnlyOtherWorkersLeasedTrialsAreLeftItSaysWhoseAndUntilWhen()
    {
        var clock = new ReportFormatTests.ZonedClock(DateTimeOffset.Parse("2026-03-01T08:30:00Z", CultureInfo.InvariantCulture), TimeSpan.FromHours(2));
        var snapshot = Snapshot(ProgressStatus.Running) with
        {
            WaitingFor =
            [
                new LeasedElsewhere("host-b/1234", 2, DateTimeOffset.Parse("2026-03-01T08:31:05Z", CultureInfo.InvariantCulture)),
                new LeasedElsewhere("host-c/77", 1, DateTimeOffset.Parse("2026-03-01T08:40:00Z", CultureInfo.InvariantCulture)),
            ],
        };

        var text = Draw(snapshot, time: clock, width: 160);
        var finished = Draw(snapshot with { Status = ProgressStatus.Finished }, time: clock, width: 160);

        Assert.Contains("Waiting for 2 trials leased by host-b/1234 until 10:31:05 (their lease ends then if that worker is gone)", text, StringComparison.Ordinal);
        Assert.Contains("│ for 1 trial leased by host-c/77 until 10:40:00 (its lease ends then if that worker is gone)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting", Draw(Snapshot(ProgressStatus.Running), time: clock, width: 160), StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting", finished, StringComparison.Ordinal); // a call that is over waits for nothing
    }

    private static ProgressSnapshot Snapshot(ProgressStatus status) =>
        new("study", status, Complete: 3, Running: 2, Failed: 1, Pruned: 0, Cancelled: 0, Earlier: 5, Planned: 10, Best: null, TimeSpan.Zero, null);

    private static string Draw(ProgressSnapshot snapshot, Exception? failure = null, TimeProvider? time = null, int width = 120)
    {
        using var console = new TestConsole();
        console.Width(width);
        console.Write(LivePanel.Render(snapshot, width: width - 1, failure, time));
        return Regex.Replace(console.Output, " +", " ");
    }
}
