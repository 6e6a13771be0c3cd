namespace AttrHpo.Tool.Tests;

/// <summary>A study whose search space changed: commands read its latest version unless <c>--version</c> names another.</summary>
public sealed class VersionTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task CommandsReadTheLatestVersionUnlessAskedForAnother()
    {
        var file = Path.Combine(fixture.NewFolder(), "versions.db");
        File.Copy(fixture.File, file);
        var first = await fixture.TrialsAsync(StudyFileFixture.Pruned, file);
        await using (var storage = StudyStorage.Sqlite(file))
        {
            // Version 2, as a study whose layers range grew would open it, with one complete trial.
            var v1 = (await storage.GetStudiesAsync(CancellationToken.None)).Single(s => s.Name == StudyFileFixture.Pruned);
            var space = v1.Space!.Replace("layers: integer [1, 8]", "layers: integer [1, 16]", StringComparison.Ordinal);
            Assert.NotEqual(v1.Space, space);
            var v2 = await storage.OpenStudyVersionAsync(v1.Identity with { Name = v1.Name, Space = space }, null, SpaceChange.NewVersion, CancellationToken.None);
            var now = DateTimeOffset.UtcNow;
            var trial = await storage.StartTrialAsync(v2.StorageName, new TrialLease("w", now, now.AddMinutes(1)), 10, CancellationToken.None);
            await storage.SetParametersAsync(v2.StorageName, trial!.Number, [0.5, 0.9, 0.25], "{\"learningRate\":0.01,\"layers\":15,\"activation\":\"relu\"}", 7, CancellationToken.None);
            await storage.FinishTrialAsync(v2.StorageName, trial.Number, new TrialEnd(TrialState.Complete, 0.125, null, now, []), CancellationToken.None);
        }

        var studies = await Tool.RunAsync("studies", "-s", file, "-f", "csv");
        Assert.Contains($"{StudyFileFixture.Pruned},2,Minimize,1,1,", studies.Output, StringComparison.Ordinal);
        Assert.Contains($"{StudyFileFixture.Pruned},1,Minimize,{first.Count},", studies.Output, StringComparison.Ordinal);

        var latest = await Tool.RunAsync("best", "-s", file, "--study", StudyFileFixture.Pruned, "-f", "csv");
        Assert.True(latest.ExitCode == 0, latest.Error);
        Assert.Contains("0,Complete,0.125,0.01,15,relu,", latest.Output, StringComparison.Ordinal);

        var older = await Tool.RunAsync("trials", "-s", file, "--study", StudyFileFixture.Pruned, "--version", "1", "-f", "csv");
        Assert.Equal(first.Count + 1, older.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var plot = await Tool.RunAsync("plot", "slice", "-s", file, "--study", StudyFileFixture.Pruned, "-p", "layers", "-o", Path.Combine(Path.GetDirectoryName(file)!, "v2.svg"));
        Assert.True(plot.ExitCode == 0, plot.Error); // the stored space of version 2 (layers up to 16) is the one plotted
    }
}
