using System.Diagnostics;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>A process of this machine killed while it held the study's sampler lock does not hold up the next run.</summary>
public sealed class DeadSamplerLockTests
{
    [Fact]
    public async Task ASamplerLockHeldByAnExitedProcessOfThisMachineIsFreedAtOnce()
    {
        using var file = new TempStudyFile();
        await using var storage = StudyStorage.Sqlite(file.Path);
        var options = new StudyOptions { Name = "locked", Seed = 3, Storage = storage, LeaseDuration = TimeSpan.FromMinutes(10) };
        var study = Study.Create(TestObjective.FromFunc(p => p.LearningRate), options);
        await study.GetTrialsAsync(); // creates the study in the file

        // The lock as a process killed mid-suggestion leaves it: its owner names this machine and a process that has exited.
        var dead = await ExitedProcessIdAsync();
        var now = DateTimeOffset.UtcNow;
        Assert.True(await storage.TryLockSamplerAsync("locked", $"{Environment.MachineName}/{dead}/abcd1234", now, now.AddMinutes(10), CancellationToken.None));

        using var patience = new CancellationTokenSource(StudyWorkerProcess.Patience); // a failure, not a ten-minute wait
        var result = await study.OptimizeAsync(trials: 3, cancellationToken: patience.Token);

        Assert.Equal(3, result.Count(TrialState.Complete));
        Assert.Null(await storage.GetSamplerLockHolderAsync("locked", DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [Fact]
    public async Task ASamplerLockHeldByAProcessOfAnotherMachineIsWaitedFor()
    {
        using var file = new TempStudyFile();
        await using var storage = StudyStorage.Sqlite(file.Path);
        var study = Study.Create(TestObjective.FromFunc(p => p.LearningRate), new StudyOptions { Name = "remote", Storage = storage });
        await study.GetTrialsAsync();
        var now = DateTimeOffset.UtcNow;
        Assert.True(await storage.TryLockSamplerAsync("remote", $"{Environment.MachineName}-other/1/abcd1234", now, now.AddMinutes(10), CancellationToken.None));

        using var shortWait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => study.OptimizeAsync(trials: 1, cancellationToken: shortWait.Token));

        Assert.Equal($"{Environment.MachineName}-other/1/abcd1234", await storage.GetSamplerLockHolderAsync("remote", DateTimeOffset.UtcNow, CancellationToken.None));
    }

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
