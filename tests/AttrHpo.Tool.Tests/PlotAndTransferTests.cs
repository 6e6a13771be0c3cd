using System.Text.Json;

namespace AttrHpo.Tool.Tests;

/// <summary><c>plot</c>, <c>export</c> and <c>import</c> on a file made by real studies.</summary>
public sealed class PlotAndTransferTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Theory]
    [InlineData("history", "h.svg")]
    [InlineData("parallel-coordinates", "p.png")]
    [InlineData("importance", "i.svg")]
    [InlineData("intermediate-values", "c.svg")]
    [InlineData("timeline", "t.svg")]
    public async Task PlotWritesTheImage(string kind, string name)
    {
        var file = Path.Combine(fixture.NewFolder(), name);

        var (code, output, error) = await Tool.RunAsync("plot", kind, "--storage", fixture.File, "--study", StudyFileFixture.Pruned, "--out", file);

        Assert.True(code == 0, error);
        Assert.Contains(file, output, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(name.EndsWith(".png", StringComparison.Ordinal) ? bytes.AsSpan(1, 3).SequenceEqual("PNG"u8) : bytes.AsSpan().IndexOf("<svg"u8) >= 0, $"{file} is no image");
    }

    [Fact]
    public async Task SliceContourAndRungsTakeTheirParametersAndStudies()
    {
        var folder = fixture.NewFolder();

        Assert.Equal(0, (await Tool.RunAsync("plot", "slice", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "s.svg"), "-p", "learningRate")).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync("plot", "contour", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "c.svg"), "-p", "learningRate", "-p", "layers")).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync("plot", "rungs", "-s", fixture.File, "--study", StudyFileFixture.Asha, "-o", Path.Combine(folder, "r.svg"))).ExitCode);
        Assert.Equal(["c.svg", "r.svg", "s.svg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APlotTheStudyCannotDrawSaysWhy()
    {
        var folder = fixture.NewFolder();

        var unknown = await Tool.RunAsync("plot", "slice", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "s.svg"), "-p", "learningrate");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("learningRate, layers, activation", unknown.Error, StringComparison.Ordinal);

        var rungs = await Tool.RunAsync("plot", "rungs", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "r.svg"));
        Assert.Equal(ExitCodes.Refused, rungs.ExitCode);
        Assert.Contains("StudyOptions.Promotion", rungs.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, (await Tool.RunAsync("plot", "contour", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "c.svg"), "-p", "layers")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await Tool.RunAsync("plot", "history", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "h.gif"))).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await Tool.RunAsync("plot", "pie", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "-o", Path.Combine(folder, "h.svg"))).ExitCode);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task ExportedJsonImportsAsTheSameTrialsUnderANewName()
    {
        var folder = fixture.NewFolder();
        var exported = Path.Combine(folder, "asha.json");
        var target = Path.Combine(folder, "target.db");

        var export = await Tool.RunAsync("export", "-s", fixture.File, "--study", StudyFileFixture.Asha, "--format", "json", "--out", exported);
        Assert.True(export.ExitCode == 0, export.Error);
        var import = await Tool.RunAsync("import", exported, "--storage", target, "--study", "copied");
        Assert.True(import.ExitCode == 0, import.Error);

        var original = (await fixture.TrialsAsync(StudyFileFixture.Asha)).Where(t => t.IsFinished).ToList();
        var copied = await fixture.TrialsAsync("copied", target);
        Assert.Equal(original.Count, copied.Count);
        Assert.Contains(original, t => t.PromotedFrom is not null);
        foreach (var (was, now) in original.Zip(copied))
        {
            Assert.Equal(was.Number, now.Number); // every trial of the finished study is finished, so none is left out and none renumbered
            Assert.Equal((was.State, was.Value, was.ParametersJson, was.Seed, was.Budget, was.PromotedFrom, was.Error, was.Worker), (now.State, now.Value, now.ParametersJson, now.Seed, now.Budget, now.PromotedFrom, now.Error, now.Worker));
            Assert.Equal(was.Point, now.Point);
            Assert.Equal(was.Reports, now.Reports);
            Assert.Equal(was.Attributes, now.Attributes);
            Assert.Equal(was.Started, now.Started);
            Assert.Equal(was.Finished, now.Finished);
        }

        var studies = JsonDocument.Parse((await Tool.RunAsync("studies", "-s", target, "-f", "json")).Output).RootElement;
        Assert.Equal("copied", studies[0].GetProperty("study").GetString());
    }

    [Fact]
    public async Task ImportNeverOverwritesAStudy()
    {
        var folder = fixture.NewFolder();
        var exported = Path.Combine(folder, "curves.json");
        var target = Path.Combine(folder, "target.db");
        File.Copy(fixture.File, target);
        Assert.Equal(0, (await Tool.RunAsync("export", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "--out", exported)).ExitCode);
        var before = await TrialsAsync(target);

        var (code, _, error) = await Tool.RunAsync("import", exported, "--storage", target);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains($"already has a study named '{StudyFileFixture.Pruned}'", error, StringComparison.Ordinal);
        Assert.Contains("--study NEWNAME", error, StringComparison.Ordinal);
        Assert.Equal(before, await TrialsAsync(target));

        async Task<List<(int, TrialState, double?, long)>> TrialsAsync(string file) =>
            [.. (await fixture.TrialsAsync(StudyFileFixture.Pruned, file)).Select(t => (t.Number, t.State, t.Value, t.Version))];
    }

    [Fact]
    public async Task ImportOfAMissingOrForeignFileFails()
    {
        var folder = fixture.NewFolder();
        var target = Path.Combine(folder, "target.db");

        Assert.Equal(ExitCodes.NotFound, (await Tool.RunAsync("import", Path.Combine(folder, "none.json"), "--storage", target)).ExitCode);
        var foreign = Path.Combine(folder, "foreign.json");
        await File.WriteAllTextAsync(foreign, "{\"trials\": []}");
        var (code, _, error) = await Tool.RunAsync("import", foreign, "--storage", target);
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("attrhpo export --format json", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task ExportAsCsvWritesARowPerTrial()
    {
        var file = Path.Combine(fixture.NewFolder(), "curves.csv");

        var (code, _, error) = await Tool.RunAsync("export", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "--format", "csv", "--out", file);

        Assert.True(code == 0, error);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal((await fixture.TrialsAsync(StudyFileFixture.Pruned)).Count + 1, lines.Length);
        Assert.StartsWith("number,state,value,learningRate,", lines[0], StringComparison.Ordinal);
    }
}
