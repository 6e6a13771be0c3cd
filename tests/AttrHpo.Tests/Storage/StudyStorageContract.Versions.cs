namespace AttrHpo.Tests.Storage;

/// <summary>Every record carries the study's version of its last write, so readers can tell the newer of two.</summary>
public abstract partial class StudyStorageContract
{
    [Fact]
    public async Task EveryRecordCarriesTheVersionOfItsLastWrite()
    {
        await OpenAsync();
        var started = (await StartAsync("w", budget: 5))!;
        var enqueued = await Storage.EnqueueTrialAsync(Identity.Name, [0.5], "{\"x\":1}", None);
        var assigned = await Storage.SetParametersAsync(Identity.Name, started.Number, new TrialAssignment([0.25], "{\"x\":0}", 3), None);
        var finished = await FinishAsync(started.Number, TrialState.Complete);

        Assert.True(started.Version > 0);
        Assert.True(enqueued.Version > started.Version);
        Assert.True(assigned.Version > enqueued.Version);
        Assert.True(finished.Version > assigned.Version);
        var changes = await Storage.GetChangesAsync(Identity.Name, 0, None);
        Assert.Equal([finished.Version, enqueued.Version], changes.Trials.Select(t => t.Version));
        Assert.Equal(finished.Version, changes.Version);
    }
}
