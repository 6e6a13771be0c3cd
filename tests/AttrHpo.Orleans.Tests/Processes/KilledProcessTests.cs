namespace AttrHpo.Orleans.Tests.Processes;

/// <summary>
/// samples/Cluster's processes (a coordinator, two workers) on loopback with the study, the cluster's membership (Orleans'
/// ADO.NET clustering) and the grain state in PostgreSQL: a worker process and then the coordinator's are killed with SIGKILL
/// mid-study, the coordinator is started again, and PostgreSQL is checked with SQL: the budget completes exactly, no completed
/// trial is lost or changed, none is recorded twice, and the membership table holds both killed silos as dead.
/// </summary>
[Collection(SampleProcessesCollection.Name)]
public sealed class KilledProcessTests
{
    private const string Study = "killed";
    private const int Budget = 40;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // Six epochs of 80 ms: a trial runs about half a second, far longer than reading the trials and sending the SIGKILL, so
    // the killed worker is killed mid-trial even on a loaded 2-core machine.
    private static readonly Dictionary<string, string> SlowerEpochs = new() { ["ATTRHPO_SAMPLE_EPOCH_MS"] = "80" };

    /// <param name="executor">The workers' <c>--executor</c>: trials in the silo's process, or in worker processes of its own.</param>
    [Theory]
    [InlineData("inprocess")]
    [InlineData("process")]
    public async Task KillingAWorkerProcessThenTheCoordinatorsLosesNoCompletedTrialAndKeepsTheBudget(string executor)
    {
        using var database = new SampleDatabase();
        var common = database.Arguments();
        var setup = await SampleProcess.RunAsync("setup", Patience, common);
        Assert.True(setup.ExitCode == 0, setup.Output);
        string[] coordinatorArgs = [.. common, "--port", Port(), "--study", Study, "--trials", $"{Budget}", "--lease-seconds", "4", "--objective", "train"];
        var processes = new List<SampleProcess>();
        try
        {
            string[] workerPorts = [Port(), Port()];
            var workers = workerPorts.Select(port => Started(processes, SampleProcess.Start("worker", SlowerEpochs, [.. common, "--port", port, "--slots", "2", "--executor", executor]))).ToArray();
            foreach (var worker in workers)
            {
                await worker.WaitReadyAsync(Patience);
            }

            var coordinator = Started(processes, SampleProcess.Start("coordinator", coordinatorArgs));
            await coordinator.WaitReadyAsync(Patience);

            // SIGKILL the first worker while it runs trials, once some have completed.
            var beforeWorkerKill = await KillWhileRunningAsync(database, workers[0], $"orleans/127.0.0.1:{workerPorts[0]}@", atLeastComplete: 6);
            // Then the coordinator's process, which hosts the study's coordinator grain, once the study has gone on.
            Assert.Contains($"coordinator grain on S127.0.0.1:{coordinatorArgs[Array.IndexOf(coordinatorArgs, "--port") + 1]}:", coordinator.Output, StringComparison.Ordinal);
            var beforeCoordinatorKill = await KillWhileRunningAsync(database, coordinator, worker: null, atLeastComplete: beforeWorkerKill.Complete.Count + 6);
            Assert.True(beforeCoordinatorKill.Complete.Count < Budget, "the study finished before the coordinator could be killed");

            // Started again with the same command: it finds the study where the cluster left it and waits for the budget.
            var restarted = Started(processes, SampleProcess.Start("coordinator", coordinatorArgs));
            var exitCode = await restarted.WaitForExitAsync(Patience);
            Assert.True(exitCode == 0, restarted.Output);
            Assert.Contains($"study {Study}: {Budget} complete, 0 pruned, 0 failed of {Budget}", restarted.Output, StringComparison.Ordinal);

            // Checked in PostgreSQL: exactly the budget, each trial number once, all complete.
            Assert.Equal(Budget, await database.CountAsync("SELECT count(*) FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = $1 AND t.state = 'Complete'", Study));
            Assert.Equal(Budget, await database.CountAsync("SELECT count(DISTINCT t.number) FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = $1", Study));
            Assert.Equal(Budget, await database.CountAsync("SELECT count(*) FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = $1", Study));
            var after = (await database.TrialsAsync(Study)).ToDictionary(t => t.Number);
            Assert.Equal(Enumerable.Range(0, Budget), after.Keys.Order());
            // No completed trial lost or recorded again: each is as it was before each kill, value, parameters and end time.
            foreach (var before in beforeWorkerKill.Complete.Concat(beforeCoordinatorKill.Complete))
            {
                Assert.Equal(before, after[before.Number]);
            }

            // The killed worker's running trials ran again elsewhere, with the parameters they had.
            Assert.NotEmpty(beforeWorkerKill.Running);
            foreach (var abandoned in beforeWorkerKill.Running)
            {
                var rerun = after[abandoned.Number];
                Assert.True(rerun.Starts >= 2, $"trial {abandoned.Number}, running on the killed worker, was not started again");
                Assert.Equal(abandoned.Parameters, rerun.Parameters);
                Assert.DoesNotContain($"127.0.0.1:{workerPorts[0]}@", rerun.Worker, StringComparison.Ordinal);
            }

            // The killed processes' silos were voted dead by the others through the membership table (a SIGKILLed silo writes
            // nothing on its way out); the killed coordinator's row is the first one on its port, the restarted one's the second.
            foreach (var port in new[] { workerPorts[0], coordinatorArgs[Array.IndexOf(coordinatorArgs, "--port") + 1] })
            {
                await WaitForDeadAsync(database, port);
            }

            // Where the objectives ran: in the worker silos' own processes, or never there with worker processes.
            var silos = workers.Select(w => w.Id).ToHashSet();
            Assert.All(after.Values, t => Assert.Equal(executor == "inprocess", silos.Contains(t.Pid!.Value)));

            // Nothing ran on the killed worker after it was killed: a trial it holds last was complete before the kill.
            var completeBeforeKill = beforeWorkerKill.Complete.Select(t => t.Number).ToHashSet();
            Assert.All(after.Values.Where(t => t.Worker.StartsWith($"orleans/127.0.0.1:{workerPorts[0]}@", StringComparison.Ordinal)),
                t => Assert.Contains(t.Number, completeBeforeKill));
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>Waits until the membership table lists the silo first started on <paramref name="port"/> as dead (status 6).</summary>
    private static async Task WaitForDeadAsync(SampleDatabase database, string port)
    {
        const string Sql = "SELECT count(*) FROM orleans_silo WHERE port = $1::int AND status = 6 AND generation = (SELECT min(generation) FROM orleans_silo WHERE port = $1::int)";
        var deadline = DateTime.UtcNow + Patience;
        while (await database.CountAsync(Sql, port) != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the silo killed on port {port} is not listed dead in the membership table");
            await Task.Delay(100);
        }
    }

    private static string Port() => SampleDatabase.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SampleProcess Started(List<SampleProcess> processes, SampleProcess process)
    {
        processes.Add(process);
        return process;
    }

    /// <summary>
    /// Waits until the study holds <paramref name="atLeastComplete"/> complete trials and some running (on the worker named by
    /// the prefix <paramref name="worker"/>, when given), reads the trials, and kills <paramref name="process"/>.
    /// </summary>
    private static async Task<Snapshot> KillWhileRunningAsync(SampleDatabase database, SampleProcess process, string? worker, int atLeastComplete)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var trials = await database.TrialsAsync(Study);
            var running = trials.Where(t => t.State == "Running" && t.Parameters.Length > 0 && (worker is null || t.Worker.StartsWith(worker, StringComparison.Ordinal))).ToArray();
            var complete = trials.Where(t => t.State == "Complete").ToArray();
            if ((complete.Length >= atLeastComplete && running.Length > 0) || DateTime.UtcNow > deadline)
            {
                Assert.False(process.HasExited, $"the {process.Role} process exited before it was killed:{Environment.NewLine}{process.Output}");
                process.Kill();
                // Read again after the kill (Kill returns once the process is gone): what completed up to the kill is what must
                // survive it, and what is still running on the killed worker is what the kill abandoned (a trial seen running
                // above may have completed, and another started, before the kill landed).
                var afterKill = await database.TrialsAsync(Study);
                return new Snapshot(
                    [.. afterKill.Where(t => t.State == "Complete")],
                    [.. afterKill.Where(t => t.State == "Running" && t.Parameters.Length > 0 && worker is not null && t.Worker.StartsWith(worker, StringComparison.Ordinal))]);
            }

            await Task.Delay(20);
        }
    }

    private sealed record Snapshot(IReadOnlyList<StoredTrial> Complete, IReadOnlyList<StoredTrial> Running);
}
