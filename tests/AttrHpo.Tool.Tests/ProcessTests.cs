using AttrHpo.TestSupport;
using System.Diagnostics;

namespace AttrHpo.Tool.Tests;

/// <summary>The built tool run as a real process, as a script runs it: its output, its errors and its exit codes.</summary>
public sealed class ProcessTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task TheToolExitsWithItsDocumentedCodes()
    {
        var missing = Path.Combine(fixture.NewFolder(), "missing.db");

        var listed = await RunAsync("studies", "--storage", fixture.File);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains(StudyFileFixture.Asha, listed.Output, StringComparison.Ordinal);

        var notFound = await RunAsync("studies", "--storage", missing);
        Assert.Equal(ExitCodes.NotFound, notFound.ExitCode);
        Assert.Contains("does not exist", notFound.Error, StringComparison.Ordinal);
        Assert.Empty(notFound.Output);
        Assert.False(File.Exists(missing));

        Assert.Equal(ExitCodes.NotFound, (await RunAsync("best", "--storage", fixture.File, "--study", "nope")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("trials", "--storage", fixture.File)).ExitCode);
        var help = await RunAsync("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("attrhpo [command] [options]", help.Output, StringComparison.Ordinal);
    }

    // The tool's assembly is copied beside the tests with its runtimeconfig.json, as 'dotnet tool install' lays it out.
    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => DotnetProcess.RunAsync("AttrHpo.Tool.dll", args);
}
