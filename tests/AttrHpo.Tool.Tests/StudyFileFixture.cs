namespace AttrHpo.Tool.Tests;

/// <summary>
/// A SQLite file made by real studies, once for all the tests: <c>curves</c> pruned by the median rule (complete, pruned and
/// failed trials) and <c>curves-asha</c> run by ASHA. Tests copy it when they need a file of their own.
/// </summary>
public sealed class StudyFileFixture : IAsyncLifetime
{
    public const string Pruned = "curves";
    public const string Asha = "curves-asha";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "attrhpo-tool-tests", Guid.NewGuid().ToString("N"));

    public string File => Path.Combine(Folder, "studies.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await using (var storage = StudyStorage.Sqlite(File))
        {
            await Curves.TrainStudy.Create(new StudyOptions { Name = Pruned, Seed = 3, Storage = storage, Pruning = Pruning.Median(startupTrials: 3) })
                .OptimizeAsync(trials: 30, parallelism: 2);
            await Curves.TrainStudy.Create(new StudyOptions { Name = Asha, Seed = 4, Storage = storage, Promotion = Promotion.Asha(reductionFactor: 3) })
                .OptimizeAsync(trials: 20, parallelism: 2);
        }
    }

    /// <summary>The trials of <paramref name="study"/> as the storage reads them, for comparing with what the tool prints.</summary>
    public async Task<IReadOnlyList<TrialRecord>> TrialsAsync(string study, string? file = null)
    {
        await using var storage = StudyStorage.Sqlite(file ?? File);
        return [.. (await storage.GetChangesAsync(study, 0, CancellationToken.None)).Trials.OrderBy(t => t.Number)];
    }

    /// <summary>A new folder for a test's own files, deleted with the fixture's.</summary>
    public string NewFolder()
    {
        var folder = Path.Combine(Folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Runs the tool in this process, as its Main does, and keeps what it wrote.</summary>
public static class Tool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ToolCommands.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
