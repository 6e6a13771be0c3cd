using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Timeouts, retries, failing fast, warm starts, and trials left behind by a worker that died.</summary>
public sealed class StudyResilienceTests
{
    [Fact]
    public async Task ATrialThatRunsPastItsTimeoutIsCancelledAndFailed()
    {
        var objective = new TestObjective(async (_, t, ct) =>
        {
            if (t.Number == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return t.Number;
        });
        var study = Study.Create(objective, new StudyOptions { TrialTimeout = TimeSpan.FromMilliseconds(200) });

        var result = await study.OptimizeAsync(trials: 3, parallelism: 3);

        var slow = result.Trials.Single(t => t.Number == 1);
        Assert.Equal(TrialState.Failed, slow.State);
        Assert.Contains("Timed out after 00:00:00.2", slow.Error);
        Assert.Equal(2, result.Count(TrialState.Complete));
    }

    [Fact]
    public async Task AnObjectiveThatIgnoresItsTokenIsAbandonedAfterTheGracePeriod()
    {
        using var release = new ManualResetEventSlim();
        var objective = new TestObjective((_, _, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30)); // deliberately deaf to cancellation
            return ValueTask.FromResult(1.0);
        });
        var study = Study.Create(objective, new StudyOptions { TrialTimeout = TimeSpan.FromMilliseconds(50), FailFastAfter = 0 });

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeAsync(trials: 1));
        release.Set();

        Assert.Contains("ignored its cancellation token and was abandoned", error.Message);
    }

    [Fact]
    public async Task RetriedTrialsRunAgainInTheSameTrialUntilTheySucceed()
    {
        var attempts = new int[4];
        var objective = TestObjective.FromTrial(t => Interlocked.Increment(ref attempts[t.Number]) < 3 ? throw new IOException("flaky") : t.Number);
        var study = Study.Create(objective, new StudyOptions { Retry = new RetryPolicy { MaxAttempts = 3, Delay = TimeSpan.FromMilliseconds(1) } });

        var result = await study.OptimizeAsync(trials: 4, parallelism: 2);

        Assert.Equal(4, result.Count(TrialState.Complete));
        Assert.Equal([3, 3, 3, 3], attempts);
    }

    [Fact]
    public async Task OnlyTheExceptionsThePolicyNamesAreRetriedAndTheLastErrorSaysHowManyAttempts()
    {
        var attempts = new int[2];
        var objective = TestObjective.FromTrial(t =>
        {
            Interlocked.Increment(ref attempts[t.Number]);
            throw t.Number == 0 ? new IOException("disk") : new InvalidOperationException("bug");
        });
        var retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.Zero, ShouldRetry = e => e is IOException };

        await Assert.ThrowsAsync<StudyFailedException>(() => Study.Create(objective, new StudyOptions { Retry = retry }).OptimizeAsync(trials: 2));

        Assert.Equal([2, 1], attempts);
    }

    [Fact]
    public async Task WhenTheFirstTrialsAllFailTheStudyStopsEarlyInsteadOfBurningItsBudget()
    {
        var runs = 0;
        var objective = TestObjective.FromTrial(_ =>
        {
            Interlocked.Increment(ref runs);
            throw new InvalidOperationException("wrong data path");
        });
        var study = Study.Create(objective, new StudyOptions { FailFastAfter = 5 });

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeAsync(trials: 1000, parallelism: 1));

        Assert.Equal(5, runs);
        Assert.Contains("the first 5 trials of this run all failed", error.Message);
        Assert.Contains("wrong data path", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task EnqueuedParametersRunFirstWithTheirExactValues()
    {
        var objective = TestObjective.FromFunc(p => p.Layers);
        var study = Study.Create(objective, new StudyOptions { Seed = 3 });
        var known = new TestParameters(0.001, 0.3, 7, "adam");

        var number = await study.EnqueueAsync(known);
        var result = await study.OptimizeAsync(trials: 5, parallelism: 2);

        Assert.Equal(0, number);
        Assert.Equal(known, result.Trials[0].Parameters);
        Assert.Equal(5, result.Trials.Count);
        Assert.NotEqual(0, result.Trials[0].Record.Seed);
    }

    [Fact]
    public async Task ATrialLeftRunningByADeadWorkerIsRunAgainOnceItsLeaseExpires()
    {
        var storage = new InMemoryStudyStorage();
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var objective = TestObjective.FromTrial(t => t.Number);
        var identity = new StudyIdentity(TestObjective.DefaultId, objective.Id, objective.Direction);

        // A worker in another process starts trial 0, gets its parameters, and dies.
        await storage.OpenStudyAsync(identity, CancellationToken.None);
        var started = await storage.StartTrialAsync(identity.Name, new TrialLease("dead-worker", time.GetUtcNow(), time.GetUtcNow().AddSeconds(30)), 3, CancellationToken.None);
        var point = new double[] { 0.5, 0.5, 0.5, 0.5 };
        await storage.SetParametersAsync(identity.Name, started!.Number, point, objective.DecodeToJson(point), 1, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(1));
        var result = await Study.Create(objective, new StudyOptions { Storage = storage, TimeProvider = time }).OptimizeAsync(trials: 3);

        var rerun = result.Trials.Single(t => t.Number == 0);
        Assert.Equal(TrialState.Complete, rerun.State);
        Assert.Equal(2, rerun.Record.Starts);
        Assert.Equal(objective.Decode(point), rerun.Parameters);
        Assert.Equal(3, result.Count(TrialState.Complete));
    }

    [Fact]
    public async Task AStudyResumedBeforeADeadWorkersLeaseExpiresWaitsForItAndFinishesTheBudget()
    {
        var storage = new InMemoryStudyStorage();
        var objective = TestObjective.FromTrial(t => t.Number);
        var identity = new StudyIdentity(TestObjective.DefaultId, objective.Id, objective.Direction);
        await storage.OpenStudyAsync(identity, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var started = await storage.StartTrialAsync(identity.Name, new TrialLease("dead-worker", now, now.AddMilliseconds(500)), 3, CancellationToken.None);
        var point = new double[] { 0.5, 0.5, 0.5, 0.5 };
        await storage.SetParametersAsync(identity.Name, started!.Number, point, objective.DecodeToJson(point), 1, CancellationToken.None);

        // The lease still holds: the study runs trials 1 and 2, then waits for trial 0 instead of returning with it running.
        var result = await Study.Create(objective, new StudyOptions { Storage = storage }).OptimizeAsync(StopCondition.TotalTrials(3));

        Assert.Equal(3, result.Count(TrialState.Complete));
        Assert.Equal(2, result.Trials.Single(t => t.Number == 0).Record.Starts);
    }

    [Fact]
    public async Task TrialsAskedWithoutALeaseAreNotWaitedFor()
    {
        var storage = new InMemoryStudyStorage();
        var objective = TestObjective.FromTrial(t => t.Number);
        var asked = await Study.Create(objective, new StudyOptions { Storage = storage, WorkerName = "asker" }).AskAsync();

        var result = await Study.Create(objective, new StudyOptions { Storage = storage }).OptimizeAsync(StopCondition.TotalTrials(3));

        Assert.Equal(2, result.Count(TrialState.Complete));
        Assert.Equal(TrialState.Running, (await storage.GetChangesAsync(TestObjective.DefaultId, 0, CancellationToken.None)).Trials[asked.Number].State);
    }

    [Fact]
    public async Task ARunsHeartbeatDoesNotPutALimitOnATrialAskedWithoutALeaseUnderTheSameWorkerName()
    {
        var storage = new InMemoryStudyStorage();
        var objective = new TestObjective(async (_, t, ct) =>
        {
            await Task.Delay(150, ct);
            return t.Number;
        });
        var study = Study.Create(objective, new StudyOptions { Storage = storage, WorkerName = "host-a/1/run", LeaseDuration = TimeSpan.FromMilliseconds(300) });
        var asked = await study.AskAsync();

        await study.OptimizeAsync(trials: 3); // its heartbeat renews the leases of "host-a/1/run" every 100 ms

        var record = (await storage.GetChangesAsync(TestObjective.DefaultId, 0, CancellationToken.None)).Trials[asked.Number];
        Assert.Equal((TrialState.Running, "host-a/1/run/ask"), (record.State, record.Worker));
        Assert.Equal(DateTimeOffset.MaxValue, record.LeaseUntil);
    }

    /// <summary>A clock the test moves by hand; timers never fire on their own.</summary>
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
