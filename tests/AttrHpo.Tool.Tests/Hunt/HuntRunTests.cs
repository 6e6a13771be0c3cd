using System.Globalization;
using System.Text.Json;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>
/// <c>attrhpo hunt</c> over real bash programs: samplers find a known minimum, the programs receive the stored values,
/// reports feed pruning and pruned programs are killed, a fidelity feeds ASHA, trials run in parallel, and reruns continue.
/// </summary>
public sealed class HuntRunTests(HuntFolder folder) : IClassFixture<HuntFolder>
{
    private static readonly string[] Quadratic = ["--x~uniform(0, 1)", "--layers=~int(1, 8)", "--act~choices(['relu', 'tanh'])"];

    [Theory]
    [InlineData("random", 0.3)]
    [InlineData("gp", 0.05)]
    public async Task SamplersFindTheMinimumAndTheProgramReceivesTheStoredValues(string sampler, double within)
    {
        var file = folder.NewFile();

        var (code, output, error) = await Hunting.RunAsync(file, "q", ["--trials", "20", "--sampler", sampler, "--seed", "7"], "quadratic.sh", Quadratic);

        Assert.True(code == 0, error);
        var trials = await Hunting.TrialsAsync(file, "q");
        Assert.Equal(20, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        var best = trials.MinBy(t => t.Value)!;
        Assert.True(best.Value < within, $"{sampler}: best {best.Value} ({best.ParametersJson})");
        Assert.Contains($"Best: trial {best.Number}, objective", output, StringComparison.Ordinal);
        foreach (var trial in trials)
        {
            using var json = JsonDocument.Parse(trial.ParametersJson);
            var p = json.RootElement;
            var stdout = Hunting.Log(file, "q", trial.Number, "stdout.txt");
            var received = $"--x {p.GetProperty("x").GetDouble().ToString("R", CultureInfo.InvariantCulture)} --layers={p.GetProperty("layers").GetInt64()} --act {p.GetProperty("act").GetString()}";
            Assert.Contains($"received: {received}\n", stdout, StringComparison.Ordinal);
            Assert.Contains($"env: trial={trial.Number} id=q#{trial.Number} study=q seed={trial.Seed} parameters={trial.ParametersJson}\n", stdout, StringComparison.Ordinal);
            Assert.Contains($"bash {Hunting.Script("quadratic.sh")} {received}", Hunting.Log(file, "q", trial.Number, "command.txt"), StringComparison.Ordinal);
            Assert.Equal(Path.GetFullPath(Path.Combine(file + ".hunt", "q", trial.Number.ToString(CultureInfo.InvariantCulture))), trial.Attributes["logs"]);
        }
    }

    [Fact]
    public async Task GridCoversEveryCombinationAndSobolRuns()
    {
        var file = folder.NewFile();

        var grid = await Hunting.RunAsync(file, "grid", ["--trials", "16", "--sampler", "grid"], "quadratic.sh", "--layers=~int(1, 8)", "--act~choice(relu, tanh)");
        var sobol = await Hunting.RunAsync(file, "sobol", ["--trials", "8", "--sampler", "sobol", "-j", "2"], "quadratic.sh", Quadratic);

        Assert.True(grid.ExitCode == 0, grid.Error);
        Assert.True(sobol.ExitCode == 0, sobol.Error);
        var combinations = (await Hunting.TrialsAsync(file, "grid")).Select(t => t.ParametersJson).ToHashSet();
        Assert.Equal(16, combinations.Count);
        Assert.Equal(8, (await Hunting.TrialsAsync(file, "sobol")).Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public async Task ReportedStepsAreStoredAndMedianPruningKillsTheProgram()
    {
        var file = folder.NewFile();

        var (code, output, error) = await Hunting.RunAsync(
            file, "curve", ["--trials", "12", "--pruning", "median", "--pruning-startup", "3", "--seed", "1"], "curve.sh", "--x~uniform(0, 10)", "--steps", "8");

        Assert.True(code == 0, error);
        var trials = await Hunting.TrialsAsync(file, "curve");
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        var pruned = trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.NotEmpty(complete);
        Assert.NotEmpty(pruned);
        Assert.All(complete, t => Assert.Equal(Enumerable.Range(1, 8).Select(s => (long)s), t.Reports.Select(r => r.Step)));
        var first = complete[0];
        var x = JsonDocument.Parse(first.ParametersJson).RootElement.GetProperty("x").GetDouble();
        Assert.Equal(x + (1.0 / 3), first.Reports[2].Value, 1e-9);
        foreach (var trial in pruned)
        {
            var stdout = Hunting.Log(file, "curve", trial.Number, "stdout.txt");
            Assert.InRange(trial.Reports.Count, 1, 7);
            Assert.Equal(trial.Reports[^1].Value, trial.Value);
            Assert.DoesNotContain("done", stdout, StringComparison.Ordinal); // stopped before its end: killed
            Assert.False(Hunting.Alive(int.Parse(Hunting.Value(stdout, "pid"), CultureInfo.InvariantCulture)));
            Assert.Contains($"trial {trial.Number} pruned: at step {trial.Reports[^1].Step}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFidelityPriorIsTheBudgetThatAshaPromotes()
    {
        var file = folder.NewFile();

        var (code, _, error) = await Hunting.RunAsync(
            file, "asha", ["--trials", "20", "--promotion", "asha", "--seed", "3"], "epochs.sh", "--x~uniform(0, 1)", "--epochs~fidelity(1, 9, base=3)");

        Assert.True(code == 0, error);
        var trials = await Hunting.TrialsAsync(file, "asha");
        var promoted = trials.Where(t => t.PromotedFrom is not null).ToList();
        Assert.NotEmpty(promoted);
        Assert.Contains(promoted, t => t.Budget == 9);
        Assert.All(trials, t => Assert.Contains(t.Budget, new long?[] { 1, 3, 9 }));
        foreach (var trial in trials)
        {
            var stdout = Hunting.Log(file, "asha", trial.Number, "stdout.txt");
            Assert.Contains($"--epochs {trial.Budget} budget={trial.Budget} promoted_from={trial.PromotedFrom?.ToString(CultureInfo.InvariantCulture) ?? "none"}", stdout, StringComparison.Ordinal);
        }

        foreach (var trial in promoted)
        {
            var from = trials.Single(t => t.Number == trial.PromotedFrom);
            Assert.Equal(from.ParametersJson, trial.ParametersJson);
            Assert.True(trial.Budget > from.Budget);
        }
    }

    [Fact]
    public async Task ParallelismRunsThatManyProgramsAtOnce()
    {
        var file = folder.NewFile();

        var (code, _, error) = await Hunting.RunAsync(file, "wide", ["--trials", "6", "--parallelism", "3"], "quadratic.sh", [.. Quadratic, "--sleep", "1.5"]);

        Assert.True(code == 0, error);
        var spans = Enumerable.Range(0, 6).Select(n => Hunting.Log(file, "wide", n, "stdout.txt"))
            .Select(s => (Start: Seconds(s, "start"), End: Seconds(s, "end"))).ToList();
        var most = spans.Max(s => spans.Count(o => o.Start <= s.Start && s.Start < o.End));
        Assert.Equal(3, most);

        static double Seconds(string stdout, string key) =>
            double.Parse(stdout.Split('\n').First(l => l.StartsWith(key + " ", StringComparison.Ordinal))[(key.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ARerunContinuesTheStudyAndChangedPriorsAreRefused()
    {
        var file = folder.NewFile();

        var first = await Hunting.RunAsync(file, "again", ["--trials", "3"], "quadratic.sh", Quadratic);
        var second = await Hunting.RunAsync(file, "again", ["--trials", "2"], "quadratic.sh", Quadratic);
        var before = await Hunting.TrialsAsync(file, "again");
        var changed = await Hunting.RunAsync(file, "again", ["--trials", "2"], "quadratic.sh", "--x~uniform(0, 2)", "--layers=~int(1, 8)", "--act~choices(['relu', 'tanh'])");
        var removed = await Hunting.RunAsync(file, "again", ["--trials", "2"], "quadratic.sh", "--x~uniform(0, 1)", "--layers=~int(1, 8)");
        var turned = await Hunting.RunAsync(file, "again", ["--trials", "2", "--direction", "maximize"], "quadratic.sh", Quadratic);
        var budgeted = await Hunting.RunAsync(file, "again", ["--trials", "2"], "quadratic.sh", [.. Quadratic, "--e~fidelity(1, 4)"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        Assert.Equal([0, 1, 2, 3, 4], before.Select(t => t.Number));
        Assert.Equal(ExitCodes.Refused, changed.ExitCode);
        Assert.Contains("'x' changed from real [0, 1] to real [0, 2]", changed.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", changed.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, removed.ExitCode);
        Assert.Contains("'act' was removed", removed.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, turned.ExitCode);
        Assert.Contains("the direction was minimize and is now maximize", turned.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, budgeted.ExitCode);
        Assert.Contains("the fidelity was none and is now fidelity e [1, 4]", budgeted.Error, StringComparison.Ordinal);
        var after = await Hunting.TrialsAsync(file, "again");
        Assert.Equal(before.Select(t => (t.Number, t.State, t.Value, t.ParametersJson)), after.Select(t => (t.Number, t.State, t.Value, t.ParametersJson)));
    }

    [Fact]
    public async Task AHuntKeptInPostgreSqlRunsInParallelAndContinues()
    {
        using var schema = new PostgresSchema();
        var logs = Path.Combine(folder.Path, "pg-logs");
        string[] options = ["--trials", "4", "--parallelism", "2", "--logs", logs, "--sampler", "gp"];

        var first = await Tool.RunAsync(["hunt", "-s", schema.ConnectionString, "--study", "pg", .. options, "--", "bash", Hunting.Script("quadratic.sh"), .. Quadratic]);
        var second = await Tool.RunAsync(["hunt", "-s", schema.ConnectionString, "--study", "pg", .. options, "--", "bash", Hunting.Script("quadratic.sh"), .. Quadratic]);
        var listed = await Tool.RunAsync("trials", "-s", schema.ConnectionString, "--study", "pg", "--format", "json");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        using var json = JsonDocument.Parse(listed.Output);
        var trials = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], trials.Select(t => t.GetProperty("number").GetInt32()));
        Assert.All(trials, t => Assert.Equal("Complete", t.GetProperty("state").GetString()));
        Assert.All(trials, t => Assert.True(File.Exists(Path.Combine(logs, "pg", t.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture), "stdout.txt"))));
    }
}
