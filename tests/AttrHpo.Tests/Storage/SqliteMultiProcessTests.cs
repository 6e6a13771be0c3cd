using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// Real worker processes (tests/AttrHpo.StudyWorker) sharing one study through one SQLite file: a shared budget is finished
/// exactly, no trial lost or run twice, no "database is locked" reaching anyone; a worker killed with SIGKILL loses nothing it
/// reported, and the trial it left running is run again by the next worker, started at once, when its lease expires.
/// </summary>
public sealed class SqliteMultiProcessTests : StudyWorkerFixture
{
    [Theory]
    [InlineData(2, 60)]
    [InlineData(8, 160)]
    public async Task ProcessesOnOneFileFinishASharedBudgetExactly(int processes, int budget)
    {
        for (var i = 0; i < processes; i++)
        {
            // Every process opens (and the first creates) the file at the same time, then all start together.
            Start("--total-trials", budget.ToString(CultureInfo.InvariantCulture), "--parallelism", "2", "--sleep-ms", "5", "--wait-for-go");
        }

        await Task.WhenAll(Workers.Select(w => w.WaitForAsync(lines => lines.Contains("ready"), "open the study")));
        await Task.WhenAll(Workers.Select(w => w.GoAsync()));
        await Task.WhenAll(Workers.Select(w => w.WaitForExitAsync()));

        Assert.All(Workers, w => Assert.True(w.ExitCode == 0, $"a worker exited with {w.ExitCode}: {w.Errors}"));
        Assert.All(Workers, w => Assert.DoesNotContain("locked", w.Errors, StringComparison.OrdinalIgnoreCase));
        Assert.All(Workers, w => Assert.Equal(string.Empty, w.Errors.Trim()));
        var reported = Workers.SelectMany(w => w.Completed).Order().ToList();
        Assert.Equal(Enumerable.Range(0, budget), reported); // every number reported once, by one process
        var trials = await ReadTrialsAsync();
        Assert.Equal(Enumerable.Range(0, budget), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(1, t.Starts));
        var perWorker = trials.GroupBy(t => t.Worker).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perWorker.Count > 1, $"only one process ran trials: {string.Join(", ", perWorker)}");
        Assert.Empty(File.ExistingCompanions); // the last process to close folded the log in and removed it
    }

    /// <summary>Processes whose reads of the study arrive 0 to 40 ms late (older than what others wrote meanwhile) all return.</summary>
    [Fact]
    public async Task ProcessesWithLateReadsAllReturnWithTheSharedBudgetDone()
    {
        for (var i = 0; i < 3; i++)
        {
            Start("--total-trials", "60", "--parallelism", "3", "--sleep-ms", "2", "--late-reads-ms", "40", "--lease-ms", "10000");
        }

        await Task.WhenAll(Workers.Select(w => w.WaitForExitAsync()));

        Assert.All(Workers, w => Assert.True(w.ExitCode == 0, $"a worker exited with {w.ExitCode}: {w.Errors}"));
        Assert.All(Workers, w => Assert.Contains("done 60", w.Lines));
        var trials = await ReadTrialsAsync();
        Assert.Equal(Enumerable.Range(0, 60), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public async Task AKilledWorkerLosesNothingItReportedAndTheNextOneFinishesTheBudgetExactly()
    {
        const int Budget = 30;
        string[] arguments = ["--total-trials", "30", "--parallelism", "2", "--sleep-ms", "100", "--lease-ms", "2000"];
        var killed = Start([.. arguments, "--hang-after", "4"]);
        await killed.WaitForAsync(lines => lines.Contains("hanging"), "start a fifth trial");
        await killed.KillAsync();

        // What the killed process reported complete was committed; what it was running is still Running, under its lease.
        var afterKill = await ReadTrialsAsync();
        var killedWorker = afterKill.Single(t => t.Number == killed.Completed[0]).Worker;
        Assert.All(killed.Completed, n => Assert.Equal(TrialState.Complete, afterKill.Single(t => t.Number == n).State));
        var orphans = afterKill.Where(t => t.State == TrialState.Running).ToList();
        Assert.NotEmpty(orphans);
        Assert.All(orphans, t => Assert.Equal(killedWorker, t.Worker));
        Assert.True(afterKill.Count < Budget, $"the killed worker had already started all {Budget} trials");

        // Resume at once: the orphans' leases still hold, so the new worker runs the rest of the budget, then waits for them to
        // run out (the killed worker can no longer renew them) and runs them again, instead of returning with them running.
        var resumed = Start(arguments);
        await resumed.WaitForExitAsync();

        Assert.True(resumed.ExitCode == 0, $"the resumed worker exited with {resumed.ExitCode}: {resumed.Errors}");
        Assert.Equal(string.Empty, resumed.Errors.Trim());
        var trials = await ReadTrialsAsync();
        Assert.Equal(Enumerable.Range(0, Budget), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Empty(killed.Completed.Intersect(resumed.Completed)); // nothing reported complete was run again
        foreach (var orphan in orphans)
        {
            var rerun = trials.Single(t => t.Number == orphan.Number);
            Assert.Equal(2, rerun.Starts);
            Assert.NotEqual(killedWorker, rerun.Worker);
            Assert.Equal(orphan.ParametersJson, rerun.ParametersJson); // run again with the parameters it had
            Assert.Contains(orphan.Number, resumed.Completed);
        }

        Assert.All(trials.Where(t => orphans.All(o => o.Number != t.Number)), t => Assert.Equal(1, t.Starts));
        var completedByKilled = trials.Where(t => t.Worker == killedWorker).Select(t => t.Number);
        Assert.Equal(Enumerable.Range(0, Budget), completedByKilled.Concat(resumed.Completed).Order());
    }

    /// <summary>
    /// The killed worker's leases would hold for two minutes, past this test's patience: the next worker sees that its process
    /// (on this machine) is gone and runs its trials again at once.
    /// </summary>
    [Fact]
    public async Task TrialsOfAKilledWorkerOfThisMachineRunAgainWithoutWaitingForTheirLeases()
    {
        string[] arguments = ["--total-trials", "12", "--parallelism", "2", "--sleep-ms", "200", "--lease-ms", "120000"];
        var killed = Start([.. arguments, "--hang-after", "2"]);
        await killed.WaitForAsync(lines => lines.Contains("hanging"), "start a third trial");
        await killed.KillAsync();
        var orphans = (await ReadTrialsAsync()).Where(t => t.State == TrialState.Running).Select(t => t.Number).ToList();
        Assert.NotEmpty(orphans);

        var resumed = Start(arguments);
        await resumed.WaitForExitAsync();

        Assert.True(resumed.ExitCode == 0, $"the resumed worker exited with {resumed.ExitCode}: {resumed.Errors}");
        var trials = await ReadTrialsAsync();
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(orphans, n => Assert.Equal(2, trials.Single(t => t.Number == n).Starts));
    }
}
