namespace AttrHpo.Tests.Storage;

/// <summary>Reports are stored as a running trial makes them, so other processes and later study objects see them.</summary>
public abstract partial class StudyStorageContract
{
    private static IntermediateValue[] Reports(params (long Step, double Value)[] reports) => [.. reports.Select(r => new IntermediateValue(r.Step, r.Value))];

    [Fact]
    public async Task ReportsOfARunningTrialAreReadByOthersAndKeptAtItsEnd()
    {
        await OpenAsync();
        var trial = (await StartAsync("w", budget: 5))!;
        var first = await Storage.AddReportsAsync(Identity.Name, trial.Number, trial.Starts, Reports((1, 0.9), (2, 0.7)), None);
        var second = await Storage.AddReportsAsync(Identity.Name, trial.Number, trial.Starts, Reports((3, 0.5)), None);

        Assert.Equal(Reports((1, 0.9), (2, 0.7), (3, 0.5)), second.Reports);
        Assert.True(second.Version > first.Version && first.Version > trial.Version);
        var seen = Assert.Single(await ChangesAsync(trial.Version));
        Assert.Equal((TrialState.Running, 3), (seen.State, seen.Reports.Count));

        // The end carries every report the trial made (a context keeps them all): only the new ones are added.
        var end = new TrialEnd(TrialState.Complete, 0.4, null, T0.AddSeconds(2), Reports((1, 0.9), (2, 0.7), (3, 0.5), (4, 0.4)));
        var finished = await Storage.FinishTrialAsync(Identity.Name, trial.Number, end, None);
        Assert.Equal(Reports((1, 0.9), (2, 0.7), (3, 0.5), (4, 0.4)), finished.Reports);
        Assert.Equal(finished.Reports, (await ChangesAsync(0)).Single().Reports);
    }

    [Fact]
    public async Task ARepeatedReportWriteChangesNothing()
    {
        await OpenAsync();
        var trial = (await StartAsync("w", budget: 5))!;
        var written = await Storage.AddReportsAsync(Identity.Name, trial.Number, trial.Starts, Reports((1, 0.9)), None);
        var again = await Storage.AddReportsAsync(Identity.Name, trial.Number, trial.Starts, Reports((1, 0.9)), None);

        Assert.Equal(written.Version, again.Version);
        Assert.Equal(Reports((1, 0.9)), again.Reports);
        Assert.Empty(await ChangesAsync(written.Version));
    }

    [Fact]
    public async Task APrunedTrialToldByNumberKeepsItsStoredReportsAndTakesTheLastValue()
    {
        await OpenAsync();
        var trial = (await StartAsync("w", budget: 5))!;
        await Storage.AddReportsAsync(Identity.Name, trial.Number, null, Reports((1, 0.9), (3, 0.8)), None);

        var pruned = await Storage.FinishTrialAsync(Identity.Name, trial.Number, new TrialEnd(TrialState.Pruned, null, null, T0.AddSeconds(1), []), None);

        Assert.Equal((TrialState.Pruned, 0.8), (pruned.State, pruned.Value));
        Assert.Equal(Reports((1, 0.9), (3, 0.8)), (await ChangesAsync(0)).Single().Reports);
    }

    [Fact]
    public async Task ReportsAreRefusedForATrialThatIsNotRunningOrWasStartedAgain()
    {
        await OpenAsync();
        var done = (await StartAsync("w", budget: 5))!;
        await FinishAsync(done.Number, TrialState.Complete);
        var ended = await Assert.ThrowsAsync<StudyStorageException>(() =>
            Storage.AddReportsAsync(Identity.Name, done.Number, null, Reports((1, 1.0)), None).AsTask());
        Assert.Contains("already ended", ended.Message, StringComparison.Ordinal);

        // A trial whose lease ran out starts again: its earlier start's reports are dropped, and that start can write no more.
        var stalled = (await StartAsync("gone", budget: 5))!;
        await Storage.AddReportsAsync(Identity.Name, stalled.Number, stalled.Starts, Reports((1, 0.5), (2, 0.4)), None);
        await Storage.RecoverExpiredTrialsAsync(Identity.Name, T0.AddMinutes(1), maxStarts: 3, None);
        var again = (await Storage.StartTrialAsync(Identity.Name, new TrialLease("next", T0.AddMinutes(1), T0.AddMinutes(2)), 5, None))!;
        Assert.Equal((stalled.Number, 2), (again.Number, again.Starts));
        Assert.Empty(again.Reports);
        Assert.Empty((await ChangesAsync(0)).Single(t => t.Number == again.Number).Reports);
        var late = await Assert.ThrowsAsync<StudyStorageException>(() =>
            Storage.AddReportsAsync(Identity.Name, stalled.Number, stalled.Starts, Reports((3, 0.3)), None).AsTask());
        Assert.Contains("started again", late.Message, StringComparison.Ordinal);
    }
}
