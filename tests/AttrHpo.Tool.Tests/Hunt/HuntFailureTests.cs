using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>What goes wrong in a hunt: programs that fail, malformed priors and missing programs, each as the tool documents it.</summary>
public sealed class HuntFailureTests(HuntFolder folder) : IClassFixture<HuntFolder>
{
    [Fact]
    public async Task AProgramThatExitsNonZeroIsAFailedTrialWithTheEndOfItsStandardError()
    {
        var file = folder.NewFile();

        var (code, output, error) = await Hunting.RunAsync(file, "half", ["--trials", "8", "--seed", "2"], "modes.sh", "--x~uniform(0, 1)", "--mode", "half");

        Assert.True(code == 0, error);
        var trials = await Hunting.TrialsAsync(file, "half");
        Assert.Equal(8, trials.Count);
        foreach (var trial in trials)
        {
            var x = JsonDocument.Parse(trial.ParametersJson).RootElement.GetProperty("x").GetDouble();
            if (x > 0.5)
            {
                Assert.Equal(TrialState.Failed, trial.State);
                Assert.Contains("The program exited with code 3.", trial.Error, StringComparison.Ordinal);
                Assert.Contains($"warming up\nboom: the program failed at x={x.ToString("R", CultureInfo.InvariantCulture)}", trial.Error, StringComparison.Ordinal);
                Assert.Contains($"trial {trial.Number} failed: The program exited with code 3.", output, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(TrialState.Complete, trial.State);
                Assert.Equal(x, trial.Value);
            }
        }

        Assert.Contains(trials, t => t.State == TrialState.Failed);
    }

    [Theory]
    [InlineData("exit", "The program exited with code 3.")]
    [InlineData("nan", "The program reported the objective NaN, which is not a finite number.")]
    [InlineData("silent", "reported no result: print a line 'attrhpo: objective=VALUE'")]
    public async Task WhenNoTrialCompletesEveryOneIsFailedAndTheToolExitsWith5(string mode, string message)
    {
        var file = folder.NewFile();

        var (code, _, error) = await Hunting.RunAsync(file, mode, ["--trials", "3"], "modes.sh", "--x~uniform(0, 1)", "--mode", mode);

        Assert.Equal(ExitCodes.AllFailed, code);
        Assert.Contains("none of its 3 trials completed", error, StringComparison.Ordinal);
        var trials = await Hunting.TrialsAsync(file, mode);
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Failed, t.State));
        Assert.All(trials, t => Assert.Contains(message, t.Error, StringComparison.Ordinal));
        if (mode == "silent")
        {
            Assert.Contains("The line 'attrhpo: objectve=1' is not one attrhpo reads.", trials[0].Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AResultsFileGivesTheObjective()
    {
        var file = folder.NewFile();

        var (code, _, error) = await Hunting.RunAsync(file, "file", ["--trials", "3", "--direction", "maximize"], "modes.sh", "--x~uniform(0, 1)", "--mode", "file");

        Assert.True(code == 0, error);
        Assert.All(await Hunting.TrialsAsync(file, "file"), t => Assert.Equal(JsonDocument.Parse(t.ParametersJson).RootElement.GetProperty("x").GetDouble(), t.Value));
    }

    [Theory]
    [InlineData("--x~loguniform(0, 1)", "The prior --x~loguniform(0, 1): low must be > 0 for a log scale (loguniform), but it is 0.")]
    [InlineData("--x~uniform(0, 1", "The prior --x~uniform(0, 1: '")]
    [InlineData("--x~gaussian(0, 1)", "'gaussian' is not a prior this tool knows")]
    public async Task AMalformedPriorExitsWith1BeforeAnyProgramRuns(string prior, string message)
    {
        var file = folder.NewFile();
        await Hunting.RunAsync(file, "kept", ["--trials", "1"], "quadratic.sh", "--x~uniform(0, 1)"); // a storage that exists

        var (code, output, error) = await Hunting.RunAsync(file, "bad", ["--trials", "3"], "quadratic.sh", prior);
        var (missingCode, _, _) = await Hunting.RunAsync(file + ".missing.db", "bad", ["--trials", "3"], "quadratic.sh", prior);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(ExitCodes.Usage, missingCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Equal(["kept"], await Hunting.StudiesAsync(file));
        Assert.False(Directory.Exists(Path.Combine(file + ".hunt", "bad")));
        Assert.False(File.Exists(file + ".missing.db"));
    }

    [Fact]
    public async Task AMissingProgramOrAPromotionWithoutAFidelityIsRefusedBeforeAnythingRuns()
    {
        var file = folder.NewFile();

        var missing = await Tool.RunAsync("hunt", "-s", file, "--study", "s", "--", "./no-such-program.sh", "--x~uniform(0, 1)");
        var notOnPath = await Tool.RunAsync("hunt", "-s", file, "--study", "s", "--", "no-such-program-on-path", "--x~uniform(0, 1)");
        var promotion = await Hunting.RunAsync(file, "s", ["--promotion", "asha"], "quadratic.sh", "--x~uniform(0, 1)");
        var noProgram = await Tool.RunAsync("hunt", "-s", file, "--study", "s", "--trials", "0", "--", "bash");

        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Contains("The program './no-such-program.sh' does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, notOnPath.ExitCode);
        Assert.Contains("is not on PATH", notOnPath.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, promotion.ExitCode);
        Assert.Contains("--promotion asha needs a fidelity prior", promotion.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noProgram.ExitCode);
        Assert.Contains("--trials must be 1 or more", noProgram.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task AnExecutableScriptRunsByItsPathAndATrialTimeoutKillsIt()
    {
        var file = folder.NewFile();
        var script = Path.Combine(Path.GetDirectoryName(file)!, "slow.sh");
        File.Copy(Hunting.Script("slow.sh"), script);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, _, error) = await Tool.RunAsync("hunt", "-s", file, "--study", "timed", "--trials", "2", "--trial-timeout", "1", "--", script, "--x~uniform(0, 1)", "--sleep", "30");

        Assert.Equal(ExitCodes.AllFailed, code);
        Assert.Contains("Timed out after", error, StringComparison.Ordinal);
        foreach (var trial in await Hunting.TrialsAsync(file, "timed"))
        {
            var stdout = Hunting.Log(file, "timed", trial.Number, "stdout.txt");
            Assert.False(Hunting.Alive(int.Parse(Hunting.Value(stdout, "pid"), CultureInfo.InvariantCulture)));
            Assert.False(Hunting.Alive(int.Parse(Hunting.Value(stdout, "child"), CultureInfo.InvariantCulture)));
            Assert.True(trial.Duration < TimeSpan.FromSeconds(20), $"{trial.Duration}");
        }
    }

    [Fact]
    public async Task AStudyOfThatNameThatIsNotAHuntIsRefused()
    {
        var file = folder.NewFile();
        await using (var storage = StudyStorage.Sqlite(file))
        {
            await storage.OpenStudyAsync(new StudyIdentity("method", "Demo.Score", Direction.Minimize), CancellationToken.None);
        }

        var (code, _, error) = await Hunting.RunAsync(file, "method", ["--trials", "1"], "quadratic.sh", "--x~uniform(0, 1)");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("is a study of the objective Demo.Score, not a hunt; hunt under another --study name", error, StringComparison.Ordinal);
        Assert.Empty(await Hunting.TrialsAsync(file, "method"));
        Assert.False(Directory.Exists(file + ".hunt"));
    }
}
