using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>
/// Real processes (tests/AttrHpo.StudyWorker) on one SQLite file sample one at a time, each seeing the others' running trials
/// as pending; and a seeded GP study gives the same trials whatever number of cores the process is allowed.
/// </summary>
public sealed class MultiProcessSuggestionTests : StudyWorkerFixture
{
    private const int Cells = 64;

    [Fact]
    public async Task ProcessesOnOneFileNeverSampleWithoutEachOthersPoints()
    {
        for (var i = 0; i < 2; i++)
        {
            Start("--total-trials", "48", "--parallelism", "3", "--sleep-ms", "5", "--sampler", "cells", "--wait-for-go");
        }

        await Task.WhenAll(Workers.Select(w => w.WaitForAsync(lines => lines.Contains("ready"), "open the study")));
        await Task.WhenAll(Workers.Select(w => w.GoAsync()));
        await Task.WhenAll(Workers.Select(w => w.WaitForExitAsync()));

        Assert.All(Workers, w => Assert.True(w.ExitCode == 0, $"a worker exited with {w.ExitCode}: {w.Errors}"));
        var trials = await ReadTrialsAsync();
        Assert.Equal(48, trials.Count);
        Assert.Equal(2, trials.Select(t => t.Worker).Distinct().Count());
        var cells = trials.Select(t => (int)(t.Point[0] * Cells)).ToList();
        Assert.Equal(48, cells.Distinct().Count()); // the cells sampler takes the lowest free cell: a duplicate means a blind sample
    }

    [Fact]
    public async Task AGpStudyGivesTheSameTrialsWithOneCoreOrEight()
    {
        async Task<IReadOnlyList<string>> RunAsync(int cores)
        {
            using var file = new TempStudyFile();
            using var worker = StudyWorkerProcess.Start(
                new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = cores.ToString(CultureInfo.InvariantCulture) },
                "--file", file.Path, "--study", StudyName, "--trials", "24", "--ask-tell-batch", "4", "--sampler", "gp", "--seed", "5");
            await worker.WaitForExitAsync();
            Assert.True(worker.ExitCode == 0, $"the worker exited with {worker.ExitCode}: {worker.Errors}");
            return [.. worker.Lines.Where(l => l.StartsWith("point ", StringComparison.Ordinal))];
        }

        var one = await RunAsync(1);
        var eight = await RunAsync(8);

        Assert.Equal(24, one.Count);
        Assert.Equal(one, eight);
        Assert.True(one.Distinct().Count() == 24, "every point should differ: " + string.Join(Environment.NewLine, one));
    }
}
