namespace AttrHpo.Tests.Storage;

/// <summary>Studies in one storage: reopened, refused for another objective or direction, independent of each other, cancellable.</summary>
public abstract partial class StudyStorageContract
{
    [Fact]
    public async Task ReopeningAStudyOfTheSameIdentityKeepsItsTrials()
    {
        await OpenAsync();
        await StartAsync("w", budget: 10);

        await OpenAsync();

        Assert.Single(await ChangesAsync(0));
    }

    [Theory]
    [InlineData("Other.Objective", Direction.Minimize)]
    [InlineData("Tests.Objective", Direction.Maximize)]
    public async Task AStudyIsNotOpenedForAnotherObjectiveOrDirection(string objective, Direction direction)
    {
        await OpenAsync();

        var error = await Assert.ThrowsAsync<StudyStorageException>(() =>
            Storage.OpenStudyAsync(new StudyIdentity("s", objective, direction), None).AsTask());

        Assert.Contains("already exists for the objective Tests.Objective (Minimize)", error.Message);
        Assert.Contains($"not {objective} ({direction})", error.Message);
        Assert.Contains("StudyOptions.Name", error.Message);
    }

    [Fact]
    public async Task TwoStudiesInOneStorageAreIndependent()
    {
        await OpenAsync();
        await Storage.OpenStudyAsync(new StudyIdentity("t", "Other.Objective", Direction.Maximize), None);
        var lease = new TrialLease("w", T0, T0.AddSeconds(1));

        var s0 = await Storage.StartTrialAsync("s", lease, 1, None);
        var t0 = await Storage.StartTrialAsync("t", lease, 2, None);
        var t1 = await Storage.StartTrialAsync("t", lease, 2, None);
        await Storage.EnqueueTrialAsync("t", [0.5], "{}", None);

        Assert.Equal((0, 0, 1), (s0!.Number, t0!.Number, t1!.Number));
        Assert.Null(await Storage.StartTrialAsync("s", lease, 1, None));
        Assert.Single((await Storage.GetChangesAsync("s", 0, None)).Trials);
        Assert.Equal(3, (await Storage.GetChangesAsync("t", 0, None)).Trials.Count);
        Assert.Equal(1, await Storage.RecoverExpiredTrialsAsync("s", T0.AddSeconds(2), 1, None));
        Assert.Equal(TrialState.Running, (await Storage.GetChangesAsync("t", 0, None)).Trials[0].State);
    }

    [Fact]
    public async Task ACancelledTokenStopsAnOperationBeforeItWrites()
    {
        await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Storage.StartTrialAsync(Identity.Name, new TrialLease("w", T0, T0.AddSeconds(1)), 10, cancelled.Token).AsTask());

        Assert.Empty(await ChangesAsync(0));
    }
}
