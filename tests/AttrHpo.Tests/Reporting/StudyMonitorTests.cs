using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Reporting;

/// <summary>The console display's counts, best trial and estimate of the remaining time, on a clock moved by hand.</summary>
public sealed class StudyMonitorTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void CountsTrialsByStateAsTheyStartAndFinish()
    {
        var monitor = Monitor(StopCondition.MoreTrials(10));
        for (var number = 0; number < 5; number++)
        {
            monitor.TrialStarted(Started(number));
        }

        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));
        monitor.TrialFinished(Finished(1, TrialState.Failed));
        monitor.TrialFinished(Finished(2, TrialState.Pruned, 0.5));
        monitor.TrialFinished(Finished(3, TrialState.Cancelled));

        var snapshot = monitor.Snapshot();
        Assert.Equal((1, 1, 1, 1, 1), (snapshot.Complete, snapshot.Running, snapshot.Failed, snapshot.Pruned, snapshot.Cancelled));
        Assert.Equal(4, snapshot.Finished);
        Assert.Equal(3, snapshot.Counted);
        Assert.Equal(10, snapshot.Planned);
        Assert.Equal(ProgressStatus.Running, snapshot.Status);
    }

    [Fact]
    public void EstimatesTheRemainingTimeFromTheMeanDurationTheBudgetAndTheParallelism()
    {
        var monitor = Monitor(StopCondition.MoreTrials(10), parallelism: 2);
        monitor.TrialStarted(Started(0));
        monitor.TrialStarted(Started(1));
        Assert.Null(monitor.Snapshot().Remaining); // nothing has finished: unknown

        _clock.Advance(TimeSpan.FromSeconds(10));
        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));

        // Mean 10 s; trial 1 has run 10 s, so is due now; 8 trials to start, on 2 workers: 40 s.
        Assert.Equal(TimeSpan.FromSeconds(40), monitor.Snapshot().Remaining);

        monitor.TrialStarted(Started(2));
        _clock.Advance(TimeSpan.FromSeconds(4));

        // 7 to start (70 s) + trial 1 overdue (0 s) + trial 2 due in 6 s, on 2 workers: 38 s.
        Assert.Equal(TimeSpan.FromSeconds(38), monitor.Snapshot().Remaining);
        Assert.Equal(TimeSpan.FromSeconds(14), monitor.Snapshot().Elapsed);
    }

    [Fact]
    public void TheLastRunningTrialBoundsTheEstimateWhenNothingIsLeftToStart()
    {
        var monitor = Monitor(StopCondition.MoreTrials(2), parallelism: 4);
        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(10));
        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));
        monitor.TrialStarted(Started(1));
        _clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(6), monitor.Snapshot().Remaining);
    }

    [Fact]
    public void CancelledTrialsNeitherCountTowardTheBudgetNorTimeTheEstimate()
    {
        var monitor = Monitor(StopCondition.MoreTrials(3));
        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(100));
        monitor.TrialFinished(Finished(0, TrialState.Cancelled));
        Assert.Null(monitor.Snapshot().Remaining);

        var second = Started(1);
        monitor.TrialStarted(second);
        _clock.Advance(TimeSpan.FromSeconds(2));
        monitor.TrialFinished(second with { State = TrialState.Failed, Finished = _clock.GetUtcNow() });

        // 2 of 3 still to run at 2 s each, one at a time.
        Assert.Equal(TimeSpan.FromSeconds(4), monitor.Snapshot().Remaining);
    }

    [Fact]
    public void WithoutATrialBudgetOrAWallTimeTheRemainingTimeIsUnknown()
    {
        var monitor = Monitor(StopCondition.NoImprovement(5) | StopCondition.TargetValue(0.1));
        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(1));
        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));

        var snapshot = monitor.Snapshot();
        Assert.Null(snapshot.Planned);
        Assert.Null(snapshot.Remaining);
    }

    [Fact]
    public void AWallTimeLimitBoundsTheRemainingTimeToWhatIsLeftOfItAndAMeanTrial()
    {
        var monitor = Monitor(StopCondition.WallTime(TimeSpan.FromMinutes(5)) | StopCondition.NoImprovement(50));
        Assert.Equal(TimeSpan.FromMinutes(5), monitor.Snapshot().Remaining); // no trial has finished: just the limit

        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(2));
        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));

        Assert.Equal(TimeSpan.FromSeconds(300), monitor.Snapshot().Remaining); // 298 s of the limit, then about 2 s for the last trials
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromSeconds(2), monitor.Snapshot().Remaining);
    }

    [Fact]
    public void WithABudgetAndAWallTimeTheSoonerCounts()
    {
        var monitor = Monitor(StopCondition.MoreTrials(10) | StopCondition.WallTime(TimeSpan.FromMinutes(5)));
        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(2));
        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));

        Assert.Equal(TimeSpan.FromSeconds(18), monitor.Snapshot().Remaining); // 9 trials of 2 s, well within the limit

        var slow = Monitor(StopCondition.MoreTrials(1000) | StopCondition.WallTime(TimeSpan.FromSeconds(30)));
        slow.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(2));
        slow.TrialFinished(Finished(0, TrialState.Complete, 1.0) with { Started = _clock.GetUtcNow() - TimeSpan.FromSeconds(2) });

        Assert.Equal(TimeSpan.FromSeconds(30), slow.Snapshot().Remaining); // 28 s of the limit and a 2 s trial, not 999 trials
    }

    [Fact]
    public void EarlierTrialsCountTowardTheBudgetAndTheBestButNotTowardThisCallsCounts()
    {
        TrialRecord[] earlier =
        [
            Finished(0, TrialState.Complete, 3.0),
            Finished(1, TrialState.Complete, 2.0),
            Finished(2, TrialState.Failed),
            Finished(3, TrialState.Cancelled),
            Started(4), // left running by a worker that died: still to run
        ];

        var snapshot = Monitor(StopCondition.TotalTrials(10), earlier: earlier).Snapshot();

        Assert.Equal(4, snapshot.Earlier);
        Assert.Equal(7, snapshot.Planned); // 10 less the 3 finished trials that count
        Assert.Equal(0, snapshot.Finished);
        Assert.Equal(1, snapshot.Best?.Number);
    }

    [Fact]
    public void MoreTrialsPlanThatManyWhateverTheStudyHeldAndATotalCapsThem()
    {
        TrialRecord[] earlier = [Finished(0, TrialState.Complete, 3.0), Finished(1, TrialState.Failed), Finished(2, TrialState.Cancelled)];

        Assert.Equal(10, Monitor(StopCondition.MoreTrials(10), earlier: earlier).Snapshot().Planned);
        Assert.Equal(6, Monitor(StopCondition.MoreTrials(10) | StopCondition.TotalTrials(8), earlier: earlier).Snapshot().Planned);
        Assert.Equal(0, Monitor(StopCondition.TotalTrials(2), earlier: earlier).Snapshot().Planned);
        Assert.Null(Monitor(StopCondition.NoImprovement(3), earlier: earlier).Snapshot().Planned);
    }

    [Fact]
    public void TheBestIsTheLowestValueWhenMinimisingAndTheEarliestAmongEquals()
    {
        var newBest = new List<(int Number, bool IsBest)>();
        var monitor = Monitor(StopCondition.MoreTrials(10), finished: (trial, best) => newBest.Add((trial.Number, best)));

        monitor.TrialFinished(Finished(3, TrialState.Complete, 2.0));
        monitor.TrialFinished(Finished(4, TrialState.Complete, 5.0));
        monitor.TrialFinished(Finished(5, TrialState.Complete, 2.0));
        monitor.TrialFinished(Finished(1, TrialState.Complete, 2.0));
        monitor.TrialFinished(Finished(6, TrialState.Pruned, -100.0));

        Assert.Equal(1, monitor.Snapshot().Best?.Number);
        Assert.Equal([(3, true), (4, false), (5, false), (1, true), (6, false)], newBest);
    }

    [Fact]
    public void TheBestIsTheHighestValueWhenMaximising()
    {
        var monitor = Monitor(StopCondition.MoreTrials(10), direction: Direction.Maximize);

        monitor.TrialFinished(Finished(0, TrialState.Complete, 2.0));
        monitor.TrialFinished(Finished(1, TrialState.Complete, 5.0));
        monitor.TrialFinished(Finished(2, TrialState.Complete, 4.0));

        Assert.Equal(5.0, monitor.Snapshot().Best?.Value);
    }

    [Fact]
    public void StoppingFreezesTheElapsedTimeAndClearsTheRunningTrials()
    {
        var monitor = Monitor(StopCondition.MoreTrials(10));
        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(3));

        monitor.Stopped(ProgressStatus.Cancelled);
        monitor.Stopped(ProgressStatus.Finished); // only the first counts
        _clock.Advance(TimeSpan.FromSeconds(30));

        var snapshot = monitor.Snapshot();
        Assert.Equal(ProgressStatus.Cancelled, snapshot.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), snapshot.Elapsed);
        Assert.Equal(0, snapshot.Running);
        Assert.Equal(TimeSpan.Zero, snapshot.Remaining);
    }

    [Fact]
    public void WhileCancellingTheRemainingTimeIsUnknown()
    {
        var monitor = Monitor(StopCondition.MoreTrials(10));
        monitor.TrialStarted(Started(0));
        _clock.Advance(TimeSpan.FromSeconds(1));
        monitor.TrialFinished(Finished(0, TrialState.Complete, 1.0));

        monitor.Cancelling();

        Assert.Equal(ProgressStatus.Cancelling, monitor.Snapshot().Status);
        Assert.Null(monitor.Snapshot().Remaining);
    }

    [Fact]
    public void WaitingForOtherWorkersIsShownUntilTheWaitEndsAndAnnouncedOncePerWorker()
    {
        var announced = new List<string>();
        var monitor = new StudyMonitor("study", Direction.Minimize, StopCondition.TotalTrials(10), 1, [], _clock, waiting: o => announced.Add(o.Worker));
        var b = new LeasedElsewhere("host-b/1", 2, _clock.GetUtcNow().AddMinutes(1));
        var c = new LeasedElsewhere("host-c/2", 1, _clock.GetUtcNow().AddMinutes(2));

        monitor.WaitingFor([b]);
        monitor.WaitingFor([b with { Trials = 1 }, c]);

        Assert.Equal([b with { Trials = 1 }, c], monitor.Snapshot().WaitingFor);
        Assert.Equal(["host-b/1", "host-c/2"], announced);
        monitor.WaitingFor([]);
        Assert.Empty(monitor.Snapshot().WaitingFor);
        monitor.WaitingFor([b]);
        monitor.Stopped(ProgressStatus.Finished);
        Assert.Empty(monitor.Snapshot().WaitingFor);
        Assert.Equal(["host-b/1", "host-c/2"], announced);
    }

    private StudyMonitor Monitor(
        StopCondition stop,
        int parallelism = 1,
        Direction direction = Direction.Minimize,
        IEnumerable<TrialRecord>? earlier = null,
        Action<TrialRecord, bool>? finished = null) =>
        new("study", direction, stop, parallelism, earlier ?? [], _clock, finished);

    private TrialRecord Started(int number) => TrialFactory.Record(number) with { Started = _clock.GetUtcNow() };

    /// <summary>A trial that started when the clock started and finished now.</summary>
    private TrialRecord Finished(int number, TrialState state, double? value = null) =>
        TrialFactory.Record(number, state, value) with { Started = _clock.Start, Finished = _clock.GetUtcNow() };
}
