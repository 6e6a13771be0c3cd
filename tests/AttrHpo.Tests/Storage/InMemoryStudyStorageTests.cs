using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

public sealed class InMemoryStudyStorageTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TrialsComeBackOrderedByNumber()
    {
        var storage = new InMemoryStudyStorage();
        await storage.AddTrialAsync(TrialFactory.Record(2), None);
        await storage.AddTrialAsync(TrialFactory.Record(0), None);
        await storage.AddTrialAsync(TrialFactory.Record(5), None);
        Assert.Equal([0, 2, 5], (await storage.GetTrialsAsync(None)).Select(t => t.Number));
    }

    [Fact]
    public async Task DuplicateNumbersAreRejected()
    {
        var storage = new InMemoryStudyStorage();
        await storage.AddTrialAsync(TrialFactory.Record(3), None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.AddTrialAsync(TrialFactory.Record(3, TrialState.Complete, 1), None).AsTask());
        Assert.Contains("Trial 3 exists already", error.Message);
        Assert.Equal(TrialState.Running, Assert.Single(await storage.GetTrialsAsync(None)).State);
    }

    [Fact]
    public async Task UpdatingReplacesARunningTrial()
    {
        var storage = new InMemoryStudyStorage();
        await storage.AddTrialAsync(TrialFactory.Record(0), None);
        await storage.UpdateTrialAsync(TrialFactory.Record(0, TrialState.Complete, 0.5), None);
        var stored = Assert.Single(await storage.GetTrialsAsync(None));
        Assert.Equal(TrialState.Complete, stored.State);
        Assert.Equal(0.5, stored.Value);
    }

    [Theory]
    [InlineData(TrialState.Complete)]
    [InlineData(TrialState.Failed)]
    [InlineData(TrialState.Cancelled)]
    [InlineData(TrialState.Pruned)]
    public async Task FinishedTrialsCannotChange(TrialState finished)
    {
        var storage = new InMemoryStudyStorage();
        await storage.AddTrialAsync(TrialFactory.Record(0), None);
        await storage.UpdateTrialAsync(TrialFactory.Record(0, finished), None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.UpdateTrialAsync(TrialFactory.Record(0, TrialState.Complete, 1), None).AsTask());
        Assert.Contains($"finished as {finished}", error.Message);
        Assert.Equal(finished, Assert.Single(await storage.GetTrialsAsync(None)).State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task UnknownTrialsCannotBeUpdated(int number)
    {
        var storage = new InMemoryStudyStorage();
        await storage.AddTrialAsync(TrialFactory.Record(2), None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.UpdateTrialAsync(TrialFactory.Record(number, TrialState.Complete, 1), None).AsTask());
        Assert.Contains($"Trial {number} does not exist", error.Message);
    }

    [Fact]
    public async Task GetReturnsASnapshot()
    {
        var storage = new InMemoryStudyStorage();
        await storage.AddTrialAsync(TrialFactory.Record(0), None);
        var snapshot = await storage.GetTrialsAsync(None);
        await storage.AddTrialAsync(TrialFactory.Record(1), None);
        Assert.Single(snapshot);
    }

    [Fact]
    public async Task ConcurrentWritersLoseNothing()
    {
        var storage = new InMemoryStudyStorage();
        await Parallel.ForAsync(0, 500, async (n, ct) =>
        {
            await storage.AddTrialAsync(TrialFactory.Record(n), ct);
            await storage.UpdateTrialAsync(TrialFactory.Record(n, TrialState.Complete, n), ct);
        });
        var trials = await storage.GetTrialsAsync(None);
        Assert.Equal(Enumerable.Range(0, 500), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(t.Number, t.Value));
    }

    [Fact]
    public async Task ACancelledTokenIsHonoured()
    {
        var storage = new InMemoryStudyStorage();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.GetTrialsAsync(cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.AddTrialAsync(TrialFactory.Record(0), cts.Token).AsTask());
        Assert.Empty(await storage.GetTrialsAsync(None));
    }
}
