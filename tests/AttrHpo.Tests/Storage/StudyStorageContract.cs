namespace AttrHpo.Tests.Storage;

/// <summary>
/// The contract every <see cref="IStudyStorage"/> obeys, run against each storage by a derived class: numbering, the budget,
/// waiting trials, leases and their recovery, incremental changes, exact round trips, and study identity.
/// </summary>
public abstract partial class StudyStorageContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly StudyIdentity Identity = new("s", "Tests.Objective", Direction.Minimize);
    private static readonly CancellationToken None = CancellationToken.None;

    private IStudyStorage? _storage;

    protected IStudyStorage Storage => _storage ??= CreateStorage();

    /// <summary>A new, empty storage for one test.</summary>
    protected abstract IStudyStorage CreateStorage();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task TrialsAreNumberedDenselyFromZeroAndStartRunningUnderTheirLease()
    {
        await OpenAsync();

        var trials = new List<TrialRecord>();
        for (var i = 0; i < 3; i++)
        {
            trials.Add((await StartAsync("w", budget: 10))!);
        }

        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Running, t.State);
            Assert.Equal("w", t.Worker);
            Assert.Equal(1, t.Starts);
            Assert.Equal(T0.AddSeconds(30), t.LeaseUntil);
            Assert.Equal(T0, t.Started);
            Assert.False(t.HasParameters);
        });
    }

    [Fact]
    public async Task NoTrialStartsOnceTheBudgetIsUsedUp()
    {
        await OpenAsync();
        Assert.NotNull(await StartAsync("w", budget: 2));
        Assert.NotNull(await StartAsync("w", budget: 2));

        Assert.Null(await StartAsync("w", budget: 2));
        Assert.NotNull(await StartAsync("w", budget: 3)); // the budget is the caller's: a larger one lets more start
    }

    [Theory]
    [InlineData(TrialState.Complete)]
    [InlineData(TrialState.Failed)]
    [InlineData(TrialState.Pruned)]
    public async Task FinishedTrialsCountTowardTheBudget(TrialState state)
    {
        await OpenAsync();
        var trial = await StartAsync("w", budget: 1);
        await FinishAsync(trial!.Number, state);

        Assert.Null(await StartAsync("w", budget: 1));
    }

    [Fact]
    public async Task CancelledTrialsDoNotCountTowardTheBudget()
    {
        await OpenAsync();
        var first = await StartAsync("w", budget: 1);
        await FinishAsync(first!.Number, TrialState.Cancelled);

        var second = await StartAsync("w", budget: 1);

        Assert.Equal(1, second?.Number);
        Assert.Null(await StartAsync("w", budget: 1));
    }

    [Fact]
    public async Task WaitingTrialsAreClaimedFirstLowestNumberFirstWithTheirParameters()
    {
        await OpenAsync();
        var a = await Storage.EnqueueTrialAsync(Identity.Name, [0.25, 0.5], """{"a":1}""", None);
        var b = await Storage.EnqueueTrialAsync(Identity.Name, [0.75, 0.125], """{"b":2}""", None);
        Assert.Equal((TrialState.Waiting, TrialState.Waiting), (a.State, b.State));
        Assert.Equal((0, 1), (a.Number, b.Number));

        var first = await StartAsync("w", budget: 10);
        var second = await StartAsync("w", budget: 10);
        var third = await StartAsync("w", budget: 10);

        Assert.Equal(0, first!.Number);
        Assert.Equal([0.25, 0.5], first.Point);
        Assert.Equal("""{"a":1}""", first.ParametersJson);
        Assert.Equal(TrialState.Running, first.State);
        Assert.Equal(1, first.Starts);
        Assert.Equal(1, second!.Number);
        Assert.Equal("""{"b":2}""", second.ParametersJson);
        Assert.Equal(2, third!.Number);
        Assert.False(third.HasParameters);
    }

    [Fact]
    public async Task AWaitingTrialIsClaimedEvenWhenTheBudgetIsUsedUp()
    {
        await OpenAsync();
        var running = await StartAsync("w", budget: 1);
        await Storage.EnqueueTrialAsync(Identity.Name, [0.5], "{}", None);

        var claimed = await StartAsync("w", budget: 1);

        Assert.Equal(running!.Number + 1, claimed?.Number);
        Assert.Null(await StartAsync("w", budget: 1));
    }

    [Fact]
    public async Task ParametersAndSeedAreRecordedForARunningTrialOnly()
    {
        await OpenAsync();
        var trial = await StartAsync("w", budget: 10);

        var set = await Storage.SetParametersAsync(Identity.Name, trial!.Number, [0.1, 1.0 / 3], """{"x":0.1}""", -12345, None);

        Assert.Equal([0.1, 1.0 / 3], set.Point);
        Assert.Equal("""{"x":0.1}""", set.ParametersJson);
        Assert.Equal(-12345, set.Seed);
        Assert.Equal(TrialState.Running, set.State);
        await FinishAsync(trial.Number, TrialState.Complete);
        var error = await Assert.ThrowsAsync<StudyStorageException>(() =>
            Storage.SetParametersAsync(Identity.Name, trial.Number, [0.2], "{}", 1, None).AsTask());
        Assert.Contains($"Trial {trial.Number} of study 's' has already ended (Complete): it was told or finished once", error.Message);
    }

    [Fact]
    public async Task AFinishedTrialKeepsItsOutcomeAndNeverChangesAgain()
    {
        await OpenAsync();
        var trial = await StartAsync("w", budget: 10);
        var end = new TrialEnd(TrialState.Failed, null, "boom: it broke", T0.AddSeconds(5), []);

        var finished = await Storage.FinishTrialAsync(Identity.Name, trial!.Number, end, None);

        Assert.Equal(TrialState.Failed, finished.State);
        Assert.Equal("boom: it broke", finished.Error);
        Assert.Equal(T0.AddSeconds(5), finished.Finished);
        Assert.Null(finished.LeaseUntil);
        Assert.Null(finished.Value);
        var twice = await Assert.ThrowsAsync<StudyStorageException>(() => FinishAsync(trial.Number, TrialState.Complete));
        Assert.Contains("has already ended (Failed)", twice.Message);
        var read = Assert.Single(await ChangesAsync(0));
        Assert.Equal((TrialState.Failed, "boom: it broke", T0.AddSeconds(5)), (read.State, read.Error, read.Finished));
    }

    [Fact]
    public async Task AnUnknownTrialOrStudyIsNamedInTheError()
    {
        await OpenAsync();

        var trial = await Assert.ThrowsAsync<StudyStorageException>(() => FinishAsync(7, TrialState.Complete));
        var study = await Assert.ThrowsAsync<StudyStorageException>(() =>
            Storage.StartTrialAsync("nobody", new TrialLease("w", T0, T0.AddSeconds(1)), 1, None).AsTask());

        Assert.Contains("Study 's' has no trial 7", trial.Message);
        Assert.Contains("No study is named 'nobody'", study.Message);
        Assert.Contains("OpenStudyAsync", study.Message);
    }

    [Fact]
    public async Task ValuesPointsTimesAndReportsRoundTripExactlyIncludingNaNAndInfinities()
    {
        await OpenAsync();
        var trial = await StartAsync("w", budget: 10);
        double[] point = [0.1, 1.0 / 3, double.Epsilon, Math.BitDecrement(1.0), 0, 1];
        await Storage.SetParametersAsync(Identity.Name, trial!.Number, point, """{"p":"é ✓"}""", int.MinValue, None);
        IntermediateValue[] reports = [new(0, 1.5), new(1, double.NaN), new(2, double.PositiveInfinity), new(long.MaxValue, double.NegativeInfinity), new(-3, 5e-324)];
        var finishedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var end = new TrialEnd(TrialState.Complete, 0.30000000000000004, null, finishedAt, reports);

        var finished = await Storage.FinishTrialAsync(Identity.Name, trial.Number, end, None);
        var read = Assert.Single(await ChangesAsync(0));

        Assert.Equal(reports, finished.Reports);
        Assert.Equal(reports, read.Reports);
        Assert.Equal(point, read.Point);
        Assert.Equal("""{"p":"é ✓"}""", read.ParametersJson);
        Assert.Equal(int.MinValue, read.Seed);
        Assert.Equal(0.30000000000000004, read.Value);
        Assert.Equal(finishedAt, read.Finished);
        Assert.Equal(finishedAt.UtcTicks, read.Finished!.Value.UtcTicks);
        Assert.Equal(T0, read.Started);
    }

    [Fact]
    public async Task ANaNValueRoundTrips()
    {
        await OpenAsync();
        var trial = await StartAsync("w", budget: 10);

        await Storage.FinishTrialAsync(Identity.Name, trial!.Number, new TrialEnd(TrialState.Pruned, double.NaN, null, T0, []), None);

        Assert.True(double.IsNaN(Assert.Single(await ChangesAsync(0)).Value!.Value));
    }

    [Fact]
    public async Task RenewingExtendsOnlyThatWorkersRunningTrials()
    {
        await OpenAsync();
        var mine = await StartAsync("me", budget: 10);
        var theirs = await StartAsync("them", budget: 10);
        var done = await StartAsync("me", budget: 10);
        await FinishAsync(done!.Number, TrialState.Complete);

        await Storage.RenewLeasesAsync(Identity.Name, "me", T0.AddMinutes(5), None);

        var trials = await ChangesAsync(0);
        Assert.Equal(T0.AddMinutes(5), trials.Single(t => t.Number == mine!.Number).LeaseUntil);
        Assert.Equal(T0.AddSeconds(30), trials.Single(t => t.Number == theirs!.Number).LeaseUntil);
        Assert.Null(trials.Single(t => t.Number == done.Number).LeaseUntil);
        Assert.Equal(1, await Storage.RecoverExpiredTrialsAsync(Identity.Name, T0.AddMinutes(1), 2, None)); // theirs only
    }

    [Fact]
    public async Task AnExpiredTrialGoesBackToWaitingWithItsParametersAndIsRunAgainFirst()
    {
        await OpenAsync();
        var trial = await StartAsync("dead", budget: 2);
        await Storage.SetParametersAsync(Identity.Name, trial!.Number, [0.5, 0.25], """{"x":1}""", 9, None);
        var alive = await StartAsync("alive", budget: 2);

        Assert.Equal(0, await Storage.RecoverExpiredTrialsAsync(Identity.Name, T0.AddSeconds(30), 2, None)); // not yet: the lease holds until then
        Assert.Equal(2, await Storage.RecoverExpiredTrialsAsync(Identity.Name, T0.AddSeconds(31), 2, None));

        var waiting = (await ChangesAsync(0)).Single(t => t.Number == trial.Number);
        Assert.Equal(TrialState.Waiting, waiting.State);
        Assert.Equal(string.Empty, waiting.Worker);
        Assert.Null(waiting.LeaseUntil);
        Assert.Equal([0.5, 0.25], waiting.Point);
        Assert.Equal(9, waiting.Seed);

        var rerun = await Storage.StartTrialAsync(Identity.Name, new TrialLease("new", T0.AddMinutes(1), T0.AddMinutes(2)), 2, None);
        Assert.Equal(trial.Number, rerun!.Number);
        Assert.Equal(2, rerun.Starts);
        Assert.Equal("new", rerun.Worker);
        Assert.Equal("""{"x":1}""", rerun.ParametersJson);
        Assert.Equal(alive!.Number, (await Storage.StartTrialAsync(Identity.Name, new TrialLease("new", T0.AddMinutes(1), T0.AddMinutes(2)), 2, None))!.Number);
    }

    [Fact]
    public async Task BudgetAndPromotionAreRecordedAndATrialIsPromotedOnce()
    {
        await OpenAsync();
        var source = await StartAsync("w", budget: 10);
        await Storage.SetParametersAsync(Identity.Name, source!.Number, new TrialAssignment([0.5], """{"x":1}""", 1) { Budget = 1 }, None);
        var first = await StartAsync("w", budget: 10);
        var second = await StartAsync("other", budget: 10);
        Assert.NotNull(first);
        Assert.NotNull(second);

        var promoted = await Storage.SetParametersAsync(
            Identity.Name, first.Number, new TrialAssignment([0.5], """{"x":1}""", 2) { Budget = 3, PromotedFrom = source.Number }, None);
        var taken = await Assert.ThrowsAsync<PromotionTakenException>(() => Storage.SetParametersAsync(
            Identity.Name, second.Number, new TrialAssignment([0.5], """{"x":1}""", 3) { Budget = 3, PromotedFrom = source.Number }, None).AsTask());

        Assert.Equal((3L, 0), (promoted.Budget!.Value, promoted.PromotedFrom!.Value));
        Assert.Equal(source.Number, taken.PromotedFrom);
        Assert.Contains($"by trial {first.Number}", taken.Message, StringComparison.Ordinal);
        var trials = await ChangesAsync(0);
        Assert.Equal([(1L, (int?)null), (3L, 0)], trials.Where(t => t.HasParameters).Select(t => (t.Budget!.Value, t.PromotedFrom)));
        Assert.False(trials.Single(t => t.Number == second.Number).HasParameters); // the refused promotion wrote nothing

        // The promoting trial itself may be given its parameters again (a re-run after its worker died).
        var again = await Storage.SetParametersAsync(
            Identity.Name, first.Number, new TrialAssignment([0.5], """{"x":1}""", 4) { Budget = 3, PromotedFrom = source.Number }, None);
        Assert.Equal(4, again.Seed);
    }

    [Fact]
    public async Task AResultOfARunThatLostItsLeaseIsRefusedOnceTheTrialWasStartedAgain()
    {
        await OpenAsync();
        var stalled = await StartAsync("stalled", budget: 1);
        await Storage.SetParametersAsync(Identity.Name, stalled!.Number, [0.5], """{"x":1}""", 1, None);
        await Storage.RecoverExpiredTrialsAsync(Identity.Name, T0.AddMinutes(1), 3, None);
        var rerun = await Storage.StartTrialAsync(Identity.Name, new TrialLease("other", T0.AddMinutes(1), T0.AddMinutes(2)), 1, None);

        var late = new TrialEnd(TrialState.Complete, 1.0, null, T0.AddMinutes(1), []) { Attempt = stalled.Starts };
        var error = await Assert.ThrowsAsync<StudyStorageException>(() => Storage.FinishTrialAsync(Identity.Name, stalled.Number, late, None).AsTask());
        var recorded = await Storage.FinishTrialAsync(
            Identity.Name, rerun!.Number, new TrialEnd(TrialState.Complete, 2.0, null, T0.AddMinutes(2), []) { Attempt = rerun.Starts }, None);

        Assert.Contains("was started again (start 2) after this result's run (start 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal((2.0, "other"), (recorded.Value!.Value, recorded.Worker));
    }

    [Fact]
    public async Task ATrialWhoseWorkersKeepDyingIsFailedWithAMessageThatSaysSo()
    {
        await OpenAsync();
        await Storage.StartTrialAsync("s", new TrialLease("w1", T0, T0.AddSeconds(1)), 1, None);
        Assert.Equal(1, await Storage.RecoverExpiredTrialsAsync("s", T0.AddSeconds(2), maxStarts: 2, None));
        await Storage.StartTrialAsync("s", new TrialLease("w2", T0, T0.AddSeconds(3)), 1, None);

        Assert.Equal(1, await Storage.RecoverExpiredTrialsAsync("s", T0.AddSeconds(4), maxStarts: 2, None));

        var trial = Assert.Single(await ChangesAsync(0));
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal(T0.AddSeconds(4), trial.Finished);
        Assert.Contains("(w2) stopped renewing its lease", trial.Error);
        Assert.Null(await Storage.StartTrialAsync("s", new TrialLease("w3", T0, T0.AddSeconds(5)), 1, None));
        var late = await Assert.ThrowsAsync<StudyStorageException>(() => FinishAsync(trial.Number, TrialState.Complete));
        Assert.Contains("has already ended (Failed)", late.Message);
    }

    [Fact]
    public async Task ChangesAreReadIncrementallyByVersion()
    {
        await OpenAsync();
        var a = await StartAsync("w", budget: 10);
        var b = await StartAsync("w", budget: 10);
        var all = await Storage.GetChangesAsync(Identity.Name, 0, None);
        Assert.Equal([0, 1], all.Trials.Select(t => t.Number));

        var none = await Storage.GetChangesAsync(Identity.Name, all.Version, None);
        Assert.Empty(none.Trials);
        Assert.Equal(all.Version, none.Version);

        await FinishAsync(b!.Number, TrialState.Complete);
        var c = await StartAsync("w", budget: 10);
        var changed = await Storage.GetChangesAsync(Identity.Name, all.Version, None);
        Assert.Equal([b.Number, c!.Number], changed.Trials.Select(t => t.Number));
        Assert.Equal(TrialState.Complete, changed.Trials[0].State);
        Assert.True(changed.Version > all.Version);

        await FinishAsync(a!.Number, TrialState.Complete);
        var last = await Storage.GetChangesAsync(Identity.Name, changed.Version, None);
        Assert.Equal([a.Number], last.Trials.Select(t => t.Number));
        Assert.Equal(3, (await Storage.GetChangesAsync(Identity.Name, 0, None)).Trials.Count);
    }

    protected Task OpenAsync() => Storage.OpenStudyAsync(Identity, None).AsTask();

    protected Task<TrialRecord?> StartAsync(string worker, int budget) =>
        Storage.StartTrialAsync(Identity.Name, new TrialLease(worker, T0, T0.AddSeconds(30)), budget, None).AsTask();

    protected Task<TrialRecord> FinishAsync(int number, TrialState state) =>
        Storage.FinishTrialAsync(
            Identity.Name, number, new TrialEnd(state, state == TrialState.Complete ? number : null, state == TrialState.Complete ? null : "stopped", T0.AddSeconds(1), []), None)
        .AsTask();

    protected async Task<IReadOnlyList<TrialRecord>> ChangesAsync(long since) => (await Storage.GetChangesAsync(Identity.Name, since, None)).Trials;
}
