using System.Diagnostics;
using System.Globalization;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>The built tool hunting as a real process, stopped with SIGINT (Ctrl+C) in the middle of a study.</summary>
public sealed class HuntProcessTests(HuntFolder folder) : IClassFixture<HuntFolder>
{
    [Fact]
    public async Task SigintStopsTheHuntKeepsItsTrialsAndLeavesNoProgramRunning()
    {
        var file = folder.NewFile();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "AttrHpo.Tool.dll"), "hunt", "-s", file, "--study", "stopped", "--trials", "50",
            "--parallelism", "2", "--", "bash", Hunting.Script("slow.sh"), "--x~uniform(0, 1)", "--sleep", "1"])
        {
            start.ArgumentList.Add(argument);
        }

        using var tool = Process.Start(start)!;
        var error = tool.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var completed = 0;
        while (completed < 2 && await tool.StandardOutput.ReadLineAsync(patience.Token) is { } line)
        {
            completed += line.Contains(" complete: ", StringComparison.Ordinal) ? 1 : 0;
        }

        await Task.Delay(300, patience.Token); // two more programs are running now
        using (var kill = Process.Start("kill", ["-INT", tool.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(patience.Token);
        }

        var rest = tool.StandardOutput.ReadToEndAsync(patience.Token);
        await tool.WaitForExitAsync(patience.Token);

        Assert.True(tool.ExitCode == 130, $"exit code {tool.ExitCode}: {await error} {await rest}");
        Assert.Contains("attrhpo: cancelled.", await error, StringComparison.Ordinal);
        var trials = await Hunting.TrialsAsync(file, "stopped");
        Assert.True(trials.Count(t => t.State == TrialState.Complete) >= 2);
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Contains(trials, t => t.State == TrialState.Cancelled);
        var checkedPids = 0;
        foreach (var trial in trials)
        {
            var log = Path.Combine(file + ".hunt", "stopped", trial.Number.ToString(CultureInfo.InvariantCulture), "stdout.txt");
            var stdout = File.Exists(log) ? await File.ReadAllTextAsync(log, patience.Token) : string.Empty; // a trial cancelled before it started has none
            foreach (var pid in stdout.Split('\n').Where(l => l.StartsWith("pid=", StringComparison.Ordinal) || l.StartsWith("child=", StringComparison.Ordinal)))
            {
                checkedPids++;
                Assert.False(Hunting.Alive(int.Parse(pid[(pid.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture)), $"trial {trial.Number} ({trial.State}): {pid} still runs");
            }
        }

        Assert.True(checkedPids >= 8, $"{checkedPids} process ids");
    }
}
