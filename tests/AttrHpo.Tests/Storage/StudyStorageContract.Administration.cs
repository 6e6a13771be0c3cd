namespace AttrHpo.Tests.Storage;

/// <summary>
/// Deleting and renaming whole studies (<see cref="IStudyAdministration"/>): every version with its trials and reports, never a
/// study a worker runs unless forced, never onto a name the storage has.
/// </summary>
public abstract partial class StudyStorageContract
{
    private static readonly StudyIdentity Spaced = new("s", "Tests.Objective", Direction.Minimize) { Space = "x: real [0, 1]" };

    private IStudyAdministration Administration => Assert.IsAssignableFrom<IStudyAdministration>(Storage);

    [Fact]
    public async Task DeletingAStudyRemovesEveryVersionWithItsTrialsAndLeavesOthersAlone()
    {
        await TwoVersionsWithTrialsAsync();
        await Storage.OpenStudyAsync(new StudyIdentity("t", "Other.Objective", Direction.Maximize), None);
        await Storage.StartTrialAsync("t", new TrialLease("w", T0, T0.AddSeconds(1)), 5, None);

        Assert.True(await Administration.DeleteStudyAsync("s", T0.AddMinutes(1), force: false, None));

        Assert.Equal(["t"], (await Storage.GetStudiesAsync(None)).Select(s => s.StorageName));
        Assert.Single((await Storage.GetChangesAsync("t", 0, None)).Trials);
        var again = await Storage.OpenStudyVersionAsync(Spaced, null, SpaceChange.Refuse, None); // a new study: no trial, no version of the old one
        Assert.Equal(("s", 1), (again.StorageName, again.Version));
        Assert.Empty((await Storage.GetChangesAsync("s", 0, None)).Trials);
        Assert.Equal(0, (await Storage.StartTrialAsync("s", new TrialLease("w", T0, T0.AddSeconds(1)), 5, None))!.Number);
    }

    [Fact]
    public async Task RenamingAStudyKeepsEveryVersionAndItsTrialsUnderTheNewName()
    {
        var (first, second) = await TwoVersionsWithTrialsAsync();

        Assert.True(await Administration.RenameStudyAsync("s", "u", T0.AddMinutes(1), force: false, None));

        var studies = await Storage.GetStudiesAsync(None);
        Assert.Equal([("u", 1, "u"), ("u", 2, "u (version 2)")], studies.Select(s => (s.Name, s.Version, s.StorageName)));
        Assert.Equal(first, await TrialsAsync("u"));
        Assert.Equal(second, await TrialsAsync("u (version 2)"));
        var reopened = await Storage.OpenStudyVersionAsync(Spaced with { Name = "u", Space = "x: real [0, 2]" }, null, SpaceChange.Refuse, None);
        Assert.Equal(("u (version 2)", 2), (reopened.StorageName, reopened.Version)); // the renamed study continues at its latest version
        Assert.Equal(1, (await Storage.StartTrialAsync(reopened.StorageName, new TrialLease("w", T0, T0.AddSeconds(1)), 5, None))!.Number);
    }

    [Fact]
    public async Task AStudyOfThatNameMissingIsNeitherDeletedNorRenamed()
    {
        await OpenAsync();

        Assert.False(await Administration.DeleteStudyAsync("nope", T0, force: false, None));
        Assert.False(await Administration.RenameStudyAsync("nope", "other", T0, force: false, None));
        Assert.Equal(["s"], (await Storage.GetStudiesAsync(None)).Select(s => s.StorageName));
    }

    [Theory]
    [InlineData("t")]
    [InlineData("s")]
    public async Task RenamingOntoANameTheStorageHasIsRefused(string taken)
    {
        await TwoVersionsWithTrialsAsync();
        await Storage.OpenStudyAsync(new StudyIdentity("t", "Other.Objective", Direction.Maximize), None);
        var before = await Storage.GetStudiesAsync(None);

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => Administration.RenameStudyAsync("s", taken, T0.AddMinutes(1), force: true, None).AsTask());

        Assert.Contains($"already has a study named '{taken}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Storage.GetStudiesAsync(None));
    }

    [Fact]
    public async Task AVersionNameAnotherStudyHasIsRefusedForARename()
    {
        await TwoVersionsWithTrialsAsync();
        await Storage.OpenStudyAsync(new StudyIdentity("u (version 2)", "Other.Objective", Direction.Maximize), None);

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => Administration.RenameStudyAsync("s", "u", T0.AddMinutes(1), force: false, None).AsTask());

        Assert.Contains("'u (version 2)'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["s", "s (version 2)", "u (version 2)"], (await Storage.GetStudiesAsync(None)).Select(s => s.StorageName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AStudyWithALeasedTrialIsRefusedUnlessForcedOrTheLeaseEnded()
    {
        await OpenAsync();
        var running = await StartAsync("w", budget: 5); // leased until T0 + 30 s

        var deleting = await Assert.ThrowsAsync<StudyInUseException>(() => Administration.DeleteStudyAsync("s", T0.AddSeconds(10), force: false, None).AsTask());
        var renaming = await Assert.ThrowsAsync<StudyInUseException>(() => Administration.RenameStudyAsync("s", "u", T0.AddSeconds(10), force: false, None).AsTask());

        Assert.Equal([running!.Number], deleting.RunningTrials);
        Assert.Equal("s", deleting.Study);
        Assert.Contains("not renamed", renaming.Message, StringComparison.Ordinal);
        Assert.Equal([TrialState.Running], (await ChangesAsync(0)).Select(t => t.State));
        Assert.True(await Administration.RenameStudyAsync("s", "u", T0.AddSeconds(10), force: true, None));
        Assert.True(await Administration.DeleteStudyAsync("u", T0.AddSeconds(31), force: false, None)); // its worker's lease ended: it died
        Assert.Empty(await Storage.GetStudiesAsync(None));
    }

    /// <summary>Study "s" in two versions, each with a finished trial with reports; their trials as read back.</summary>
    private async Task<(IReadOnlyList<(int, TrialState, double?, int)>, IReadOnlyList<(int, TrialState, double?, int)>)> TwoVersionsWithTrialsAsync()
    {
        var first = await Storage.OpenStudyVersionAsync(Spaced, null, SpaceChange.Refuse, None);
        var second = await Storage.OpenStudyVersionAsync(Spaced with { Space = "x: real [0, 2]" }, null, SpaceChange.NewVersion, None);
        foreach (var (version, trials) in new[] { (first, 2), (second, 1) })
        {
            for (var i = 0; i < trials; i++)
            {
                var trial = await Storage.StartTrialAsync(version.StorageName, new TrialLease("w", T0, T0.AddSeconds(30)), 10, None);
                await Storage.SetParametersAsync(version.StorageName, trial!.Number, new TrialAssignment([0.5], "{\"x\":0.5}", 1), None);
                await Storage.FinishTrialAsync(version.StorageName, trial.Number, new TrialEnd(TrialState.Complete, i, null, T0.AddSeconds(1), [new(1, 2.0), new(2, 1.0)]), None);
            }
        }

        return (await TrialsAsync(first.StorageName), await TrialsAsync(second.StorageName));
    }

    private async Task<IReadOnlyList<(int, TrialState, double?, int)>> TrialsAsync(string storageName) =>
        [.. (await Storage.GetChangesAsync(storageName, 0, None)).Trials.Select(t => (t.Number, t.State, t.Value, t.Reports.Count))];
}
