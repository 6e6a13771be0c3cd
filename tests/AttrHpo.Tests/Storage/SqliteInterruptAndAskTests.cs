using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// Ctrl+C and ask/tell across real processes on one SQLite file: an interrupted worker records its running trials as
/// cancelled and loses nothing, the next run finishes the budget; a trial asked by one process is told by another.
/// </summary>
public sealed class SqliteInterruptAndAskTests : StudyWorkerFixture
{
    [Fact]
    public async Task CtrlCCancelsAndRecordsRunningTrialsAndTheNextRunFinishesTheBudget()
    {
        const int Budget = 60; // about 3 s of trials: the interrupt lands mid-run even on a loaded machine
        string[] arguments = ["--total-trials", Budget.ToString(CultureInfo.InvariantCulture), "--parallelism", "3", "--sleep-ms", "150"];
        var interrupted = Start(arguments);
        await interrupted.WaitForAsync(lines => lines.Count(l => l.StartsWith("complete ", StringComparison.Ordinal)) >= 3, "complete three trials");
        await interrupted.InterruptAsync();

        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("cancelled", interrupted.Lines);
        Assert.Equal(string.Empty, interrupted.Errors.Trim());
        var afterInterrupt = await ReadTrialsAsync();
        Assert.DoesNotContain(afterInterrupt, t => t.State is TrialState.Running or TrialState.Waiting); // nothing left hanging
        Assert.All(interrupted.Completed, n => Assert.Equal(TrialState.Complete, afterInterrupt.Single(t => t.Number == n).State));
        var cancelled = afterInterrupt.Where(t => t.State == TrialState.Cancelled).ToList();
        Assert.NotEmpty(cancelled);
        Assert.All(cancelled, t => Assert.Equal("Cancelled: the study was stopped.", t.Error));

        var resumed = Start(arguments);
        await resumed.WaitForExitAsync();

        Assert.True(resumed.ExitCode == 0, $"the resumed worker exited with {resumed.ExitCode}: {resumed.Errors}");
        var trials = await ReadTrialsAsync();
        Assert.Equal(Budget, trials.Count(t => t.State == TrialState.Complete)); // cancelled trials do not count toward the budget
        Assert.Equal(cancelled.Count, trials.Count(t => t.State == TrialState.Cancelled));
        Assert.Empty(interrupted.Completed.Intersect(resumed.Completed));
    }

    /// <summary>The README's way, with no Ctrl+C handler in the program: the console display handles SIGINT.</summary>
    [Fact]
    public async Task CtrlCDuringOptimizeWithConsoleAsyncRecordsRunningTrialsShowsTheSummaryAndExits130()
    {
        var interrupted = Start("--trials", "40", "--parallelism", "3", "--sleep-ms", "300", "--console"); // about 4 s of trials
        await interrupted.WaitForAsync(lines => lines.Count(l => l.Contains(" complete ", StringComparison.Ordinal)) >= 2, "complete two trials");
        await interrupted.InterruptAsync();

        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains(interrupted.Lines, l => l.StartsWith($"study {StudyName}: cancelled after", StringComparison.Ordinal));
        Assert.DoesNotContain(interrupted.Lines, l => l.StartsWith("done ", StringComparison.Ordinal));
        Assert.Equal(string.Empty, interrupted.Errors.Trim());
        var trials = await ReadTrialsAsync();
        Assert.DoesNotContain(trials, t => t.State is TrialState.Running or TrialState.Waiting);
        Assert.Contains(trials, t => t.State == TrialState.Cancelled);
    }

    /// <summary>Trials asked without a lease never expire; once their process is gone, a study run on this machine runs them.</summary>
    [Fact]
    public async Task TrialsAskedByAProcessThatDiedAreRunByTheNextStudyRun()
    {
        var asker = Start("--trials", "3", "--ask");
        await asker.WaitForExitAsync();
        Assert.True(asker.ExitCode == 0, $"the asking worker exited with {asker.ExitCode}: {asker.Errors}");

        var runner = Start("--trials", "5");
        await runner.WaitForExitAsync();

        Assert.True(runner.ExitCode == 0, $"the worker exited with {runner.ExitCode}: {runner.Errors}");
        var trials = await ReadTrialsAsync();
        Assert.Equal(5, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials.Where(t => t.Number < 3), t => Assert.Equal(2, t.Starts)); // the asked ones, run again
    }

    [Fact]
    public async Task ATrialAskedByOneProcessIsToldByAnother()
    {
        var asker = Start("--trials", "2", "--ask");
        await asker.WaitForExitAsync();
        Assert.True(asker.ExitCode == 0, $"the asking worker exited with {asker.ExitCode}: {asker.Errors}");
        var asked = asker.Lines.Where(l => l.StartsWith("asked ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3)).ToList();
        Assert.Equal(["0", "1"], asked.Select(a => a[1]));

        await using (var storage = StudyStorage.Sqlite(File.Path))
        {
            await storage.OpenStudyAsync(Identity, CancellationToken.None);
            var end = new TrialEnd(TrialState.Complete, 0.25, null, DateTimeOffset.UtcNow, [new IntermediateValue(1, 0.5)]);
            var told = await storage.FinishTrialAsync(StudyName, 1, end, CancellationToken.None);
            Assert.Equal(asked[1][2], told.ParametersJson);
        }

        var trials = await ReadTrialsAsync();
        Assert.Equal((TrialState.Running, (double?)null), (trials[0].State, trials[0].Value)); // asked, not told yet: still its asker's
        Assert.Equal((TrialState.Complete, (double?)0.25), (trials[1].State, trials[1].Value));
        Assert.Equal([new IntermediateValue(1, 0.5)], trials[1].Reports);
    }
}
