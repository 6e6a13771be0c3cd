using System.Diagnostics;

namespace AttrHpo.Tool.Tests;

/// <summary><c>attrhpo watch</c> on a study that another writer runs while it watches.</summary>
public sealed class WatchTests(StudyFileFixture files) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task WatchSaysHowTheStudyStandsThenEachTrialThatFinishesAndStopsWithExitCodeZero()
    {
        var file = Path.Combine(files.NewFolder(), "watched.db");
        await using var storage = StudyStorage.Sqlite(file);
        var study = Curves.TrainStudy.Create(new StudyOptions { Name = "watched", Seed = 5, Storage = storage });
        await study.OptimizeAsync(trials: 2);
        var before = await studyBest(study);

        var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        using var stop = new CancellationTokenSource();
        var watching = ToolCommands.RunAsync(
            ["watch", "--storage", file, "--study", "watched", "--mode", "plain", "--refresh", "0.1"], output, TextWriter.Null, stop.Token);
        await Until(() => Read(output, text).Contains("watching study watched", StringComparison.Ordinal), watching);

        var asked = await study.AskAsync();
        await study.ReportAsync(asked.Number, 1, 5.0);
        await study.TellAsync(asked, before - 1);
        await Until(() => Read(output, text).Contains($"trial    {asked.Number}  complete", StringComparison.Ordinal), watching);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await watching.WaitAsync(TimeSpan.FromSeconds(30)));
        var lines = Read(output, text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("watching study watched (Train, lower is better): 2 trials finished (2 complete, 0 failed, 0 pruned, 0 cancelled); best ", lines[0], StringComparison.Ordinal);
        var finished = Assert.Single(lines, l => l.StartsWith("trial ", StringComparison.Ordinal));
        Assert.EndsWith("(new best)", finished, StringComparison.Ordinal);
        Assert.StartsWith("study watched: stopped watching after ", lines[^1], StringComparison.Ordinal);
        Assert.Contains("3 trials finished (3 complete, 0 failed, 0 pruned, 0 cancelled)", lines[^1], StringComparison.Ordinal);
        Assert.Equal(3, (await storage.GetChangesAsync("watched", 0, CancellationToken.None)).Trials.Count); // watching wrote nothing

        static async Task<double> studyBest(Study<Curves.TrainParameters> study) => (await study.GetTrialsAsync()).Min(t => t.Value!.Value);
    }

    [Fact]
    public async Task AnUnknownStudyIsNotFoundAndAMissingFileIsNotCreated()
    {
        var (code, _, error) = await Tool.RunAsync("watch", "--storage", files.File, "--study", "nope");
        var missing = Path.Combine(files.NewFolder(), "missing.db");
        var (missingCode, _, missingError) = await Tool.RunAsync("watch", "--storage", missing, "--study", "curves");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("no study named 'nope'", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, missingCode);
        Assert.Contains("missing.db", missingError, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    private static string Read(TextWriter synchronized, StringWriter text)
    {
        lock (synchronized) // TextWriter.Synchronized locks the wrapper around each write
        {
            return text.ToString();
        }
    }

    private static async Task Until(Func<bool> condition, Task<int> watching)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(watching.IsCompleted, $"watch ended early with exit code {(watching.IsCompletedSuccessfully ? watching.Result : -1)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "watch did not show it within 60 s");
            await Task.Delay(50);
        }
    }
}
