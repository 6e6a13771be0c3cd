using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// Real worker processes (tests/AttrHpo.StudyWorker) opening a study whose space changed, all at once, on one SQLite file:
/// one new version is made, and every process, and a later one, runs that version; the earlier version is left as it was.
/// </summary>
public sealed class VersionMultiProcessTests : StudyWorkerFixture
{
    /// <summary>The worker's space as an earlier build of it recorded the study: x over [-2, 2] (now [-1, 1]).</summary>
    private const string EarlierSpace = "x: real [-2, 2]\nwidth: integer [1, 64]";

    [Fact]
    public async Task ProcessesOpeningAChangedSpaceAtOnceMakeOneVersionAndALaterProcessContinuesIt()
    {
        var before = await RecordEarlierVersionAsync();
        for (var i = 0; i < 3; i++)
        {
            Start("--total-trials", "12", "--parallelism", "2", "--new-version", "--wait-for-go");
        }

        await Task.WhenAll(Workers.Select(w => w.WaitForAsync(lines => lines.Contains("ready"), "open the study")));
        Assert.All(Workers, w => Assert.Contains("version 2", w.Lines));
        await Task.WhenAll(Workers.Select(w => w.GoAsync()));
        await Task.WhenAll(Workers.Select(w => w.WaitForExitAsync()));
        Assert.All(Workers, w => Assert.True(w.ExitCode == 0, $"a worker exited with {w.ExitCode}: {w.Errors}"));

        var later = Start("--total-trials", "15", "--new-version");
        await later.WaitForExitAsync();
        Assert.True(later.ExitCode == 0, $"the later worker exited with {later.ExitCode}: {later.Errors}");

        await using var storage = StudyStorage.Sqlite(File.Path);
        var studies = await storage.GetStudiesAsync(CancellationToken.None);
        Assert.Equal([$"{StudyName} v1", $"{StudyName} v2"], studies.Select(s => s.ToString()));
        var second = await storage.GetChangesAsync(studies[1].StorageName, 0, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 15), second.Trials.Select(t => t.Number));
        Assert.All(second.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(before, StudyVersionTests.Snapshot(await storage.GetChangesAsync(StudyName, 0, CancellationToken.None)));
    }

    /// <summary>Records version 1 of the shared study with the earlier space: four complete trials, two of them outside the new one.</summary>
    private async Task<IReadOnlyList<string>> RecordEarlierVersionAsync()
    {
        var none = CancellationToken.None;
        await using var storage = StudyStorage.Sqlite(File.Path);
        await storage.OpenStudyAsync(Identity with { Space = EarlierSpace }, none);
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 4; i++)
        {
            var x = -1.5 + i;
            var trial = await storage.StartTrialAsync(StudyName, new TrialLease("earlier", now, now.AddMinutes(1)), 4, none);
            var json = string.Create(CultureInfo.InvariantCulture, $$"""{"x":{{x}},"width":8}""");
            await storage.SetParametersAsync(StudyName, trial!.Number, [(x + 2) / 4, 7.5 / 64], json, i, none);
            await storage.FinishTrialAsync(StudyName, trial.Number, new TrialEnd(TrialState.Complete, (x * x) + 0.125, null, now, []), none);
        }

        return StudyVersionTests.Snapshot(await storage.GetChangesAsync(StudyName, 0, none));
    }
}
