using System.Diagnostics;

namespace AttrHpo.TestSupport;

/// <summary>Runs a built .NET assembly copied beside the tests (with its runtimeconfig.json) as a real process, and keeps what it wrote.</summary>
internal static class DotnetProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string assembly, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
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
