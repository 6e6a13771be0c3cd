using System.Text.Json;

namespace AttrHpo.Tool.Tests;

/// <summary><c>studies delete</c> and <c>studies rename</c> on copies of a file made by real studies.</summary>
public sealed class AdministrationTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task DeleteNeedsYesThenRemovesTheStudyAndOnlyIt()
    {
        var file = Copy();
        var before = await File.ReadAllBytesAsync(file);

        var unconfirmed = await Tool.RunAsync("studies", "delete", StudyFileFixture.Pruned, "-s", file);
        Assert.Equal(ExitCodes.Usage, unconfirmed.ExitCode);
        Assert.Contains("Add --yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Contains($"the study '{StudyFileFixture.Pruned}' (1 version(s), 30 trial(s))", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));

        var (code, output, error) = await Tool.RunAsync("studies", "delete", StudyFileFixture.Pruned, "-s", file, "--yes");

        Assert.True(code == 0, error);
        Assert.Contains($"Deleted the study '{StudyFileFixture.Pruned}'", output, StringComparison.Ordinal);
        Assert.Equal([StudyFileFixture.Asha], await StudiesAsync(file));
        Assert.Equal((await fixture.TrialsAsync(StudyFileFixture.Asha)).Count, (await fixture.TrialsAsync(StudyFileFixture.Asha, file)).Count);
    }

    [Fact]
    public async Task RenameKeepsTheTrialsUnderTheNewName()
    {
        var file = Copy();

        var (code, output, error) = await Tool.RunAsync("studies", "rename", StudyFileFixture.Asha, "asha-2026", "-s", file);

        Assert.True(code == 0, error);
        Assert.Contains($"Renamed the study '{StudyFileFixture.Asha}'", output, StringComparison.Ordinal);
        Assert.Equal(["asha-2026", StudyFileFixture.Pruned], await StudiesAsync(file));
        Assert.Equal(
            (await fixture.TrialsAsync(StudyFileFixture.Asha)).Select(t => (t.Number, t.State, t.Value, t.ParametersJson, t.Reports.Count)),
            (await fixture.TrialsAsync("asha-2026", file)).Select(t => (t.Number, t.State, t.Value, t.ParametersJson, t.Reports.Count)));
    }

    [Fact]
    public async Task ANameTakenOrMissingIsRefusedAndNothingChanges()
    {
        var file = Copy();
        var before = await File.ReadAllBytesAsync(file);

        var taken = await Tool.RunAsync("studies", "rename", StudyFileFixture.Asha, StudyFileFixture.Pruned, "-s", file);
        Assert.Equal(ExitCodes.Refused, taken.ExitCode);
        Assert.Contains($"already has a study named '{StudyFileFixture.Pruned}'", taken.Error, StringComparison.Ordinal);

        var missing = await Tool.RunAsync("studies", "delete", "nope", "-s", file, "--yes");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Contains("no study named 'nope'", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await Tool.RunAsync("studies", "rename", "nope", "other", "-s", file)).ExitCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));

        var absent = Path.Combine(fixture.NewFolder(), "absent.db");
        Assert.Equal(ExitCodes.NotFound, (await Tool.RunAsync("studies", "delete", "x", "-s", absent, "--yes")).ExitCode);
        Assert.False(File.Exists(absent));
    }

    [Fact]
    public async Task AStudyAWorkerRunsIsRefusedUnlessForced()
    {
        var file = Copy();
        await using (var storage = StudyStorage.Sqlite(file))
        {
            // A worker elsewhere holds a trial of the study for the next hour.
            await storage.StartTrialAsync(StudyFileFixture.Pruned, new TrialLease("other", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), 100, CancellationToken.None);
        }

        var renaming = await Tool.RunAsync("studies", "rename", StudyFileFixture.Pruned, "other", "-s", file);
        var deleting = await Tool.RunAsync("studies", "delete", StudyFileFixture.Pruned, "-s", file, "--yes");

        Assert.Equal((ExitCodes.Refused, ExitCodes.Refused), (renaming.ExitCode, deleting.ExitCode));
        Assert.Contains("a worker runs it (1 trial(s) running under a lease that has not ended, number 30)", deleting.Error, StringComparison.Ordinal);
        Assert.Contains("--force deletes it anyway", deleting.Error, StringComparison.Ordinal);
        Assert.Equal([StudyFileFixture.Pruned, StudyFileFixture.Asha], await StudiesAsync(file));
        var forced = await Tool.RunAsync("studies", "delete", StudyFileFixture.Pruned, "-s", file, "--yes", "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal([StudyFileFixture.Asha], await StudiesAsync(file));
    }

    private string Copy()
    {
        var file = Path.Combine(fixture.NewFolder(), "studies.db");
        File.Copy(fixture.File, file);
        return file;
    }

    private static async Task<List<string>> StudiesAsync(string file)
    {
        var (code, output, error) = await Tool.RunAsync("studies", "-s", file, "-f", "json");
        Assert.True(code == 0, error);
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(s => s.GetProperty("study").GetString()!).Order(StringComparer.Ordinal)];
    }
}

/// <summary>The read commands on a PostgreSQL database without AttrHpo's tables: no studies, and no tables made.</summary>
public sealed class PostgreSqlReadingTests : IDisposable
{
    private readonly AttrHpo.Tests.Support.PostgresSchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task ReadCommandsOnADatabaseWithoutStudiesCreateNothing()
    {
        var storage = _schema.ConnectionString;

        var (code, output, error) = await Tool.RunAsync("studies", "-s", storage);
        Assert.True(code == 0, error);
        Assert.Equal("No AttrHpo studies in this database.", output.Trim());
        Assert.Equal("[]", (await Tool.RunAsync("studies", "-s", storage, "-f", "json")).Output.Trim());
        var trials = await Tool.RunAsync("trials", "-s", storage, "--study", "x");
        Assert.Equal(ExitCodes.NotFound, trials.ExitCode);
        Assert.Contains("It holds no studies yet.", trials.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await Tool.RunAsync("export", "-s", storage, "--study", "x", "-o", Path.Combine(Path.GetTempPath(), "never.json"))).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await Tool.RunAsync("studies", "delete", "x", "-s", storage, "--yes")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await Tool.RunAsync("studies", "rename", "x", "y", "-s", storage)).ExitCode);
        Assert.Equal(0, _schema.Count($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema.Name}'"));

        await using (var writer = StudyStorage.PostgreSql(storage))
        {
            await Curves.TrainStudy.Create(new StudyOptions { Name = "curves", Seed = 1, Storage = writer }).OptimizeAsync(trials: 3);
        }

        Assert.Contains("curves", (await Tool.RunAsync("studies", "-s", storage)).Output, StringComparison.Ordinal);
        var deleted = await Tool.RunAsync("studies", "delete", "curves", "-s", storage, "--yes");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Equal("No AttrHpo studies in this database.", (await Tool.RunAsync("studies", "-s", storage)).Output.Trim());
    }
}
