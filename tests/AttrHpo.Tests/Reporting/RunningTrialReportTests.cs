using System.Globalization;
using System.Text.RegularExpressions;
using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>The live panel's objective line and its running trials, each with the last step and value it reported.</summary>
public sealed class RunningTrialReportTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T08:30:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void ThePanelNamesTheObjectiveAndWhichWayIsBetter()
    {
        Assert.Contains("Objective Train, lower is better", Draw(Snapshot() with { Metric = "Train" }), StringComparison.Ordinal);
        Assert.Contains(
            "Objective Accuracy, higher is better",
            Draw(Snapshot() with { Metric = "Accuracy", Direction = Direction.Maximize }),
            StringComparison.Ordinal);
        Assert.DoesNotContain("Objective", Draw(Snapshot()), StringComparison.Ordinal);
    }

    [Fact]
    public void EachRunningTrialShowsItsLastReportedStepAndValueAndHowLongItHasRun()
    {
        var snapshot = Snapshot() with
        {
            RunningTrials =
            [
                new RunningTrial(4, Now.AddSeconds(-62), new IntermediateValue(30, 0.0412)),
                new RunningTrial(5, Now.AddSeconds(-3), null),
            ],
        };

        var text = Draw(snapshot);

        Assert.Contains("Running trial 4: step 30 = 0.0412, for 00:01:02", text, StringComparison.Ordinal);
        Assert.Contains("│ trial 5: no report yet, for 00:00:03", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Running", Draw(snapshot with { Status = ProgressStatus.Finished }), StringComparison.Ordinal);
    }

    [Fact]
    public void BeyondEightRunningTrialsThePanelSaysHowManyMore()
    {
        var running = Enumerable.Range(0, 11).Select(n => new RunningTrial(n, Now, new IntermediateValue(1, n))).ToList();

        var text = Draw(Snapshot() with { RunningTrials = running });

        Assert.Contains("trial 7: step 1 = 7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trial 8:", text, StringComparison.Ordinal);
        Assert.Contains("and 3 trials more", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportReachesTheMonitorBeforeTheObjectiveGoesOn()
    {
        StudyMonitor? monitor = null;
        var seen = new List<RunningTrial>();
        var objective = new TestObjective((_, trial, _) =>
        {
            trial.Report(1, 0.5);
            trial.Report(3, 0.25);
            seen.AddRange(monitor!.Snapshot().RunningTrials);
            return ValueTask.FromResult(0.2);
        });
        var study = Study.Create(objective, new StudyOptions { Name = "reports" });
        monitor = new StudyMonitor(study.Name, Direction.Minimize, StopCondition.MoreTrials(1), 1, [], TimeProvider.System) { Metric = objective.Name };

        await study.OptimizeAsync(StopCondition.MoreTrials(1), 1, progress: null, monitor, CancellationToken.None);

        var running = Assert.Single(seen);
        Assert.Equal((0, new IntermediateValue(3, 0.25)), (running.Number, running.LastReport));
        Assert.Empty(monitor.Snapshot().RunningTrials);
        Assert.Equal("Train", monitor.Snapshot().Metric);
    }

    private static ProgressSnapshot Snapshot() =>
        new("study", ProgressStatus.Running, Complete: 3, Running: 2, Failed: 0, Pruned: 0, Cancelled: 0, Earlier: 0, Planned: 10, Best: null, TimeSpan.Zero, null);

    private static string Draw(ProgressSnapshot snapshot)
    {
        using var console = new TestConsole();
        console.Width(120);
        console.Write(LivePanel.Render(snapshot, width: 119, time: new ManualClock(Now)));
        return Regex.Replace(console.Output, " +", " ");
    }
}
