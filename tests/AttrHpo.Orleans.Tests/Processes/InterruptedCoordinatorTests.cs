namespace AttrHpo.Orleans.Tests.Processes;

/// <summary>
/// Ctrl+C on samples/Cluster's coordinator process mid-study: the process stops waiting, leaves the cluster gracefully
/// (its silo writes itself dead in the membership table) and exits with 130; the study goes on in the worker silos, and the
/// same command run again waits for it to its exact budget, every trial completed before the Ctrl+C kept as it was.
/// </summary>
[Collection(SampleProcessesCollection.Name)]
public sealed class InterruptedCoordinatorTests
{
    private const string Study = "interrupted";
    private const int Budget = 40;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly Dictionary<string, string> SlowerEpochs = new() { ["ATTRHPO_SAMPLE_EPOCH_MS"] = "80" };

    [Fact]
    public async Task CtrlCOnTheCoordinatorStopsItGracefullyAndTheStudyStillReachesItsBudget()
    {
        using var database = new SampleDatabase();
        var common = database.Arguments();
        var setup = await SampleProcess.RunAsync("setup", Patience, common);
        Assert.True(setup.ExitCode == 0, setup.Output);
        var port = SampleDatabase.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] coordinatorArgs = [.. common, "--port", port, "--study", Study, "--trials", $"{Budget}", "--lease-seconds", "4", "--objective", "train"];
        var processes = new List<SampleProcess>();
        try
        {
            foreach (var workerPort in new[] { SampleDatabase.FreePort(), SampleDatabase.FreePort() })
            {
                var worker = SampleProcess.Start("worker", SlowerEpochs, [.. common, "--port", $"{workerPort}", "--slots", "2"]);
                processes.Add(worker);
                await worker.WaitReadyAsync(Patience);
            }

            var coordinator = SampleProcess.Start("coordinator", coordinatorArgs);
            processes.Add(coordinator);
            await coordinator.WaitReadyAsync(Patience);
            await WaitForCompleteAsync(database, atLeast: 6);

            coordinator.Interrupt();
            var exitCode = await coordinator.WaitForExitAsync(Patience);
            var before = (await database.TrialsAsync(Study)).Where(t => t.State == "Complete").ToArray();
            Assert.True(exitCode == 130, $"exit code {exitCode}:{Environment.NewLine}{coordinator.Output}");
            Assert.Contains($"stopped waiting for study {Study} (Ctrl+C)", coordinator.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", coordinator.Output, StringComparison.Ordinal);
            Assert.True(before.Length < Budget, "the study finished before the Ctrl+C");
            // A graceful shutdown: the silo itself wrote its row dead (status 6) on its way out, no vote needed.
            Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM orleans_silo WHERE port = $1::int AND status = 6", port));

            var restarted = SampleProcess.Start("coordinator", coordinatorArgs);
            processes.Add(restarted);
            var restartedExit = await restarted.WaitForExitAsync(Patience);
            Assert.True(restartedExit == 0, restarted.Output);
            Assert.Contains($"study {Study}: {Budget} complete, 0 pruned, 0 failed of {Budget}", restarted.Output, StringComparison.Ordinal);

            // Checked in PostgreSQL: exactly the budget, each number once, and every trial complete before the Ctrl+C unchanged.
            Assert.Equal(Budget, await database.CountAsync("SELECT count(*) FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = $1", Study));
            var after = (await database.TrialsAsync(Study)).ToDictionary(t => t.Number);
            Assert.Equal(Enumerable.Range(0, Budget), after.Keys.Order());
            Assert.All(after.Values, t => Assert.Equal("Complete", t.State));
            foreach (var trial in before)
            {
                Assert.Equal(trial, after[trial.Number]);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    private static async Task WaitForCompleteAsync(SampleDatabase database, int atLeast)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await database.TrialsAsync(Study)).Count(t => t.State == "Complete") < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the study did not complete {atLeast} trials in {Patience}");
            await Task.Delay(20);
        }
    }
}
