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

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        // The tool's assembly is copied beside the tests with its runtimeconfig.json, as 'dotnet tool install' lays it out.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AttrHpo.Tool.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output, await error);
    }
}
