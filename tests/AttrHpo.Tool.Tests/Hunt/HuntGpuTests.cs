using System.Globalization;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary><c>hunt --gpu</c>: each program runs on a device leased to its trial alone (CPU stand-ins here, as in CI).</summary>
public sealed class HuntGpuTests(HuntFolder folder) : IClassFixture<HuntFolder>
{
    [Fact]
    public async Task EachTrialsProgramGetsADeviceNoOtherRunningTrialHolds()
    {
        var file = folder.NewFile();

        var (code, _, error) = await Hunting.RunAsync(
            file, "devices", ["--trials", "8", "--parallelism", "3", "--gpu", "--stand-in-gpus", "2"], "device.sh", "--x~uniform(0, 1)");

        Assert.True(code == 0, error);
        var runs = Enumerable.Range(0, 8).Select(n => Hunting.Log(file, "devices", n, "stdout.txt")).Select(stdout => (
            Index: Hunting.Value(stdout, "index"),
            StandIn: Hunting.Value(stdout, "standin"),
            Start: Seconds(stdout, "start"),
            End: Seconds(stdout, "end"))).ToList();
        Assert.All(runs, r => Assert.Equal("1", r.StandIn));
        Assert.Equal(["0", "1"], runs.Select(r => r.Index).Distinct().Order());
        foreach (var run in runs)
        {
            // Two devices, three slots: at most two programs at once, never two on one device.
            Assert.DoesNotContain(runs, other => other != run && other.Index == run.Index && other.Start < run.End && run.Start < other.End);
        }

        Assert.Equal(2, runs.Max(r => runs.Count(o => o.Start <= r.Start && r.Start < o.End)));
    }

    [Fact]
    public async Task WithoutGpuTheProgramIsLeasedNoDevice()
    {
        var file = folder.NewFile();

        var (code, _, error) = await Hunting.RunAsync(file, "cpu", ["--trials", "1"], "device.sh", "--x~uniform(0, 1)");

        Assert.NotEqual(0, code); // the script reads ATTRHPO_GPU_INDEX under `set -u`: unset without --gpu, so it fails
        Assert.Contains("ATTRHPO_GPU_INDEX: unbound variable", error, StringComparison.Ordinal);
    }

    private static double Seconds(string stdout, string key) =>
        double.Parse(stdout.Split('\n').First(l => l.StartsWith(key + " ", StringComparison.Ordinal))[(key.Length + 1)..], CultureInfo.InvariantCulture);
}
