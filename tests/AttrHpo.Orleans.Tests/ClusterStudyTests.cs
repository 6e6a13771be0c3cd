namespace AttrHpo.Orleans.Tests;

public sealed class ClusterStudyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AStudyAcrossThreeSilosCompletesExactlyItsBudget()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        var objective = ClusterObjectives.QuadraticStudy.Objective;

        var status = await fixture.Cluster.Client.RunStudyAsync(
            objective, new ClusterStudyOptions { Name = "budget", Trials = 30, Seed = 7, Sampler = ClusterSampler.Sobol, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.True(status.Finished);
        Assert.Equal(30, status.Complete);
        var trials = await fixture.TrialsAsync("budget");
        Assert.Equal(Enumerable.Range(0, 30), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal([1L, 2L], t.Reports.Select(r => r.Step)));
        // One suggestion stream for the cluster: Sobol points never repeat, whichever silo ran them.
        Assert.Equal(30, trials.Select(t => t.ParametersJson).Distinct().Count());
        Assert.True(trials.Select(t => t.Worker).Distinct().Count() >= 2, "the trials all ran on one silo");
        Assert.Equal(trials.Min(t => t.Value), status.BestValue);
    }

    [Fact]
    public async Task StoppingTheCoordinatorsSiloAndThenAWorkerSiloLosesNothingAndKeepsTheBudget()
    {
        const string study = "slow-failover";
        const int budget = 40;
        await using var fixture = await ClusterFixture.StartAsync();
        var client = fixture.Cluster.Client;
        var run = client.RunStudyAsync(
            ClusterObjectives.QuadraticStudy.Objective,
            new ClusterStudyOptions { Name = study, Trials = budget, Seed = 11, LeaseDuration = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(50) });

        // The coordinator's silo goes first, while it runs trials of its own.
        var first = await WaitAsync(fixture, study, s => s.Complete + s.Running > 0);
        var (coordinatorSilo, coordinatorWorker) = fixture.Silo(first.CoordinatorSilo);
        var lostWithCoordinator = await StopWhileRunningAsync(fixture, study, coordinatorSilo, coordinatorWorker, atLeastComplete: 6);

        // Then a worker silo, once the study has gone on under a coordinator on another silo.
        var moved = await WaitAsync(fixture, study, s => s.Complete >= lostWithCoordinator.CompleteBefore + 6);
        Assert.NotEqual(first.CoordinatorSilo, (await client.GetStudyStatusAsync(study)).CoordinatorSilo);
        var worker = fixture.Cluster.Silos.Select(s => (Silo: s, Name: ClusterFixture.WorkerOf(s)))
            .First(s => s.Silo.SiloAddress.ToString() != moved.CoordinatorSilo);
        var lostWithWorker = await StopWhileRunningAsync(fixture, study, worker.Silo, worker.Name, atLeastComplete: 0);

        var status = await run.WaitAsync(Patience);

        Assert.True(status.Finished);
        Assert.Equal(budget, status.Complete);
        var trials = await fixture.TrialsAsync(study);
        Assert.Equal(Enumerable.Range(0, budget), trials.Select(t => t.Number)); // exactly the budget: no trial lost, none extra
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        foreach (var before in lostWithCoordinator.Complete.Concat(lostWithWorker.Complete))
        {
            var after = trials[before.Number];
            Assert.Equal((before.Value, before.ParametersJson, before.Finished), (after.Value, after.ParametersJson, after.Finished));
        }

        foreach (var abandoned in lostWithCoordinator.Running.Concat(lostWithWorker.Running))
        {
            var rerun = trials[abandoned.Number];
            Assert.True(rerun.Starts >= 2, $"trial {abandoned.Number}, running on a stopped silo, was not started again");
            Assert.Equal(abandoned.ParametersJson, rerun.ParametersJson); // run again as it was, not resampled
            Assert.NotEqual(abandoned.Worker, rerun.Worker);
        }
    }

    [Fact]
    public async Task KillingTheCoordinatorsSiloAndThenAWorkerSiloWithoutShutdownLosesNothing()
    {
        const string study = "slow-kill";
        const int budget = 30;
        await using var fixture = await ClusterFixture.StartAsync();
        var client = fixture.Cluster.Client;
        var run = client.RunStudyAsync(
            ClusterObjectives.QuadraticStudy.Objective,
            new ClusterStudyOptions { Name = study, Trials = budget, Seed = 5, LeaseDuration = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(50) });
        var first = await WaitAsync(fixture, study, s => s.Complete + s.Running > 0);
        var (coordinatorSilo, coordinatorWorker) = fixture.Silo(first.CoordinatorSilo);

        // Killed: no shutdown, so no grain is deactivated and no trial ends; the silo just vanishes from the cluster.
        var lostWithCoordinator = await StopWhileRunningAsync(fixture, study, coordinatorSilo, coordinatorWorker, atLeastComplete: 4, kill: true);
        var moved = await WaitAsync(fixture, study, s => s.Complete >= lostWithCoordinator.CompleteBefore + 4);
        var worker = fixture.Cluster.Silos.First(s => s.SiloAddress.ToString() != moved.CoordinatorSilo);
        var lostWithWorker = await StopWhileRunningAsync(fixture, study, worker, ClusterFixture.WorkerOf(worker), atLeastComplete: 0, kill: true);
        var status = await run.WaitAsync(Patience);

        Assert.Equal(budget, status.Complete);
        Assert.NotEqual(first.CoordinatorSilo, status.CoordinatorSilo);
        var trials = await fixture.TrialsAsync(study);
        Assert.Equal(Enumerable.Range(0, budget), trials.Select(t => t.Number));
        foreach (var before in lostWithCoordinator.Complete.Concat(lostWithWorker.Complete))
        {
            Assert.Equal((before.Value, before.ParametersJson, before.Finished), (trials[before.Number].Value, trials[before.Number].ParametersJson, trials[before.Number].Finished));
        }

        foreach (var abandoned in lostWithCoordinator.Running.Concat(lostWithWorker.Running))
        {
            Assert.True(trials[abandoned.Number].Starts >= 2, $"trial {abandoned.Number}, running on a killed silo, was not started again");
            Assert.Equal(abandoned.ParametersJson, trials[abandoned.Number].ParametersJson);
        }
    }

    /// <summary>Once the study has <paramref name="atLeastComplete"/> complete trials and the silo runs some, stops (or kills) the silo.</summary>
    private static async Task<Snapshot> StopWhileRunningAsync(
        ClusterFixture fixture, string study, global::Orleans.TestingHost.InProcessSiloHandle silo, string worker, int atLeastComplete, bool kill = false)
    {
        IReadOnlyList<TrialRecord> trials = [];
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            trials = await fixture.TrialsAsync(study);
            if (trials.Count(t => t.State == TrialState.Complete) >= atLeastComplete
                && trials.Any(t => t.State == TrialState.Running && t.Worker == worker && t.HasParameters))
            {
                break;
            }

            await Task.Delay(10);
        }

        Assert.Contains(trials, t => t.State == TrialState.Running && t.Worker == worker && t.HasParameters);
        await (kill ? fixture.Cluster.KillSiloAsync(silo) : fixture.Cluster.StopSiloAsync(silo));
        // Read again once the silo is gone: a trial seen running above may have ended, and its result been recorded, while
        // the silo stopped; what is still running on it now is what it abandoned, and what is complete now must survive.
        var after = await fixture.TrialsAsync(study);
        var running = after.Where(t => t.State == TrialState.Running && t.Worker == worker && t.HasParameters).ToArray();
        Assert.NotEmpty(running);
        var complete = after.Where(t => t.State == TrialState.Complete).ToArray();
        return new Snapshot(complete, running, complete.Length);
    }

    private static async Task<ClusterStudyStatus> WaitAsync(ClusterFixture fixture, string study, Func<ClusterStudyStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            ClusterStudyStatus? status = null;
            try
            {
                status = await fixture.Cluster.Client.GetStudyStatusAsync(study);
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                // RunStudyAsync has not started the study yet.
            }

            if (status is not null && (condition(status) || DateTime.UtcNow > deadline))
            {
                return status;
            }

            await Task.Delay(50);
        }
    }

    private sealed record Snapshot(TrialRecord[] Complete, TrialRecord[] Running, int CompleteBefore);
}
