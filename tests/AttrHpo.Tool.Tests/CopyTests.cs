namespace AttrHpo.Tool.Tests;

/// <summary><c>studies copy</c>: into the same file or another, never over an existing study.</summary>
public sealed class CopyTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task CopyInTheSameFileAddsAStudyWithTheSameTrials()
    {
        var file = Path.Combine(fixture.NewFolder(), "copy.db");
        File.Copy(fixture.File, file);

        var (code, output, error) = await Tool.RunAsync("studies", "copy", "--storage", file, "--study", StudyFileFixture.Pruned, "--to", "curves-copy");

        Assert.True(code == 0, error);
        Assert.Contains("to the study 'curves-copy'", output, StringComparison.Ordinal);
        var original = await fixture.TrialsAsync(StudyFileFixture.Pruned, file);
        var copied = await fixture.TrialsAsync("curves-copy", file);
        Assert.Equal(
            original.Select(t => (t.Number, t.State, t.Value, t.ParametersJson, t.Error, t.Reports.Count)),
            copied.Select(t => (t.Number, t.State, t.Value, t.ParametersJson, t.Error, t.Reports.Count)));
    }

    [Fact]
    public async Task CopyIntoAnotherFileLeavesTheSourceAsItWas()
    {
        var folder = fixture.NewFolder();
        var source = Path.Combine(folder, "source.db");
        var target = Path.Combine(folder, "target.db");
        File.Copy(fixture.File, source);
        var before = await File.ReadAllBytesAsync(source);

        var (code, _, error) = await Tool.RunAsync("studies", "copy", "-s", source, "--study", StudyFileFixture.Asha, "--to", "asha", "--to-storage", "sqlite:" + target);

        Assert.True(code == 0, error);
        Assert.Equal((await fixture.TrialsAsync(StudyFileFixture.Asha)).Count, (await fixture.TrialsAsync("asha", target)).Count);
        Assert.Equal(before, await File.ReadAllBytesAsync(source));
    }

    [Fact]
    public async Task CopyNeverOverwritesAStudy()
    {
        var file = Path.Combine(fixture.NewFolder(), "copy.db");
        File.Copy(fixture.File, file);
        var before = await File.ReadAllBytesAsync(file);

        var (code, _, error) = await Tool.RunAsync("studies", "copy", "-s", file, "--study", StudyFileFixture.Pruned, "--to", StudyFileFixture.Asha);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains($"already has a study named '{StudyFileFixture.Asha}'", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }
}
