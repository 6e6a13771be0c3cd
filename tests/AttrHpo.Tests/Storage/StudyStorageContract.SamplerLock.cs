namespace AttrHpo.Tests.Storage;

/// <summary>The study's sampler lock: one holder at a time, re-taken by its holder, free once released or expired.</summary>
public abstract partial class StudyStorageContract
{
    [Fact]
    public async Task TheSamplerLockHasOneHolderUntilReleased()
    {
        await OpenAsync();

        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "a", T0, T0.AddSeconds(30), None));
        Assert.False(await Storage.TryLockSamplerAsync(Identity.Name, "b", T0.AddSeconds(1), T0.AddSeconds(31), None));
        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "a", T0.AddSeconds(2), T0.AddSeconds(32), None)); // its holder again

        await Storage.UnlockSamplerAsync(Identity.Name, "b", None); // not b's: nothing happens
        Assert.False(await Storage.TryLockSamplerAsync(Identity.Name, "b", T0.AddSeconds(3), T0.AddSeconds(33), None));

        await Storage.UnlockSamplerAsync(Identity.Name, "a", None);
        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "b", T0.AddSeconds(4), T0.AddSeconds(34), None));
        Assert.False(await Storage.TryLockSamplerAsync(Identity.Name, "a", T0.AddSeconds(5), T0.AddSeconds(35), None));
    }

    [Fact]
    public async Task ASamplerLockWhoseHolderDiedIsFreeOnceItsTimeHasPassed()
    {
        await OpenAsync();
        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "dead", T0, T0.AddSeconds(30), None));

        Assert.False(await Storage.TryLockSamplerAsync(Identity.Name, "b", T0.AddSeconds(30), T0.AddSeconds(60), None));
        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "b", T0.AddSeconds(31), T0.AddSeconds(61), None));
        Assert.False(await Storage.TryLockSamplerAsync(Identity.Name, "dead", T0.AddSeconds(32), T0.AddSeconds(62), None));
    }

    [Fact]
    public async Task EachStudyHasItsOwnSamplerLock()
    {
        await OpenAsync();
        await Storage.OpenStudyAsync(Identity with { Name = "other" }, None);

        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "a", T0, T0.AddSeconds(30), None));
        Assert.True(await Storage.TryLockSamplerAsync("other", "b", T0, T0.AddSeconds(30), None));
    }

    [Fact]
    public async Task TheSamplerLocksHolderIsReadUntilItsTimeHasPassed()
    {
        await OpenAsync();
        Assert.Null(await Storage.GetSamplerLockHolderAsync(Identity.Name, T0, None));

        Assert.True(await Storage.TryLockSamplerAsync(Identity.Name, "host/42/abcd", T0, T0.AddSeconds(30), None));
        Assert.Equal("host/42/abcd", await Storage.GetSamplerLockHolderAsync(Identity.Name, T0.AddSeconds(30), None));
        Assert.Null(await Storage.GetSamplerLockHolderAsync(Identity.Name, T0.AddSeconds(31), None));

        await Storage.UnlockSamplerAsync(Identity.Name, "host/42/abcd", None);
        Assert.Null(await Storage.GetSamplerLockHolderAsync(Identity.Name, T0, None));
    }
}
