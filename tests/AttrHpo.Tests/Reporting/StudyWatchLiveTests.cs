using System.Text.RegularExpressions;
using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary><c>StudyConsole.WatchAsync</c>'s live panel over a stored study that another writer runs.</summary>
public sealed class StudyWatchLiveTests
{
    [Fact]
    public async Task ThePanelShowsTheWholeStudyAndARunningTrialsLastReportThenSaysWatchingStopped()
    {
        var storage = StudyStorage.InMemory();
        var study = Study.Create(new TestObjective((_, _, _) => ValueTask.FromResult(3.0)), new StudyOptions { Name = "elsewhere", Storage = storage });
        await study.OptimizeAsync(trials: 2);
        var running = await study.AskAsync();
        await study.ReportAsync(running.Number, 2, 0.5);
        var stored = await UntilReportedAsync(storage, running.Number);

        using var console = new TestConsole();
        console.Interactive();
        console.Width(120);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await storage.WatchAsync(stored, new StudyConsoleOptions { Console = console, RefreshInterval = StudyConsoleOptions.MinRefreshInterval, HandleInterrupt = false }, stop.Token);

        var output = Regex.Replace(console.Output, " +", " ");
        var first = output[..output.IndexOf('╰', StringComparison.Ordinal)];
        Assert.Contains("Study elsewhere", first, StringComparison.Ordinal);
        Assert.Contains("Objective Train, lower is better", first, StringComparison.Ordinal);
        Assert.Contains("Trials 2 finished, 1 running", first, StringComparison.Ordinal);
        Assert.Contains($"Running trial {running.Number}: step 2 = 0.5, for ", first, StringComparison.Ordinal);
        Assert.Contains("Best 3 (trial 0)", first, StringComparison.Ordinal);
        var last = output[output.LastIndexOf('╭')..];
        Assert.Contains("Status stopped watching; the study itself was not touched", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Running", last, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, (await study.GetTrialsAsync()).Single(t => t.Number == running.Number).State);
    }

    private static async Task<StoredStudy> UntilReportedAsync(InMemoryStudyStorage storage, int number)
    {
        for (var i = 0; i < 600; i++)
        {
            var trials = (await storage.GetChangesAsync("elsewhere", 0, CancellationToken.None)).Trials;
            if (trials.Single(t => t.Number == number).Reports.Count == 1)
            {
                return (await storage.GetStudiesAsync(CancellationToken.None)).Single(s => s.Name == "elsewhere");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The report was not stored within 30 s.");
    }
}
