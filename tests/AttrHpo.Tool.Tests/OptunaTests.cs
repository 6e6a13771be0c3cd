using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Tool.Tests;

/// <summary>
/// <c>export --format optuna</c> and <c>import --format optuna</c> checked with Optuna itself (Debian's python3-optuna 3.1): what
/// the tool writes, <c>optuna.load_study</c> reads as the same trials and plots; what Optuna writes, the tool imports as the same trials.
/// </summary>
public sealed class OptunaTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task AnExportedStudyLoadsInOptunaWithTheSameTrials()
    {
        var file = Path.Combine(fixture.NewFolder(), "optuna.db");

        var (code, output, error) = await Tool.RunAsync("export", "--format", "optuna", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "--out", file);

        Assert.True(code == 0, error);
        Assert.Contains("as the Optuna study 'curves'", output, StringComparison.Ordinal);
        var loaded = await OptunaPython.LoadAsync(file, StudyFileFixture.Pruned);
        Assert.Equal("MINIMIZE", loaded.GetProperty("direction").GetString());
        Assert.Equal(4, loaded.GetProperty("plots").GetArrayLength());
        Assert.Equal("learningRate: real [0.0001, 1] log\nlayers: integer [1, 8]\nactivation: choice {relu, tanh}", loaded.GetProperty("system_attrs").GetProperty("attrhpo:space").GetString());
        var source = await fixture.TrialsAsync(StudyFileFixture.Pruned);
        var trials = loaded.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(source.Count, trials.Count);
        Assert.Equal([TrialState.Complete, TrialState.Pruned, TrialState.Failed], source.Select(t => t.State).Distinct().Order());
        foreach (var (was, now) in source.Zip(trials))
        {
            var at = $"trial {was.Number}";
            Assert.Equal(was.Number, now.GetProperty("number").GetInt32());
            Assert.True(State(was.State) == now.GetProperty("state").GetString(), at);
            Assert.True(was.State == TrialState.Failed ? now.GetProperty("value").ValueKind == JsonValueKind.Null : was.Value == now.GetProperty("value").GetDouble(), at);
            using var parameters = JsonDocument.Parse(was.ParametersJson);
            var p = now.GetProperty("params");
            Assert.Equal(parameters.RootElement.GetProperty("learningRate").GetDouble(), p.GetProperty("learningRate").GetDouble());
            Assert.Equal(parameters.RootElement.GetProperty("layers").GetInt64(), p.GetProperty("layers").GetInt64());
            Assert.Equal(parameters.RootElement.GetProperty("activation").GetString(), p.GetProperty("activation").GetString());
            var d = now.GetProperty("distributions");
            Assert.Equal(("FloatDistribution", 1e-4, 1.0, true, JsonValueKind.Null), Float(d.GetProperty("learningRate")));
            Assert.Equal("""{"name":"IntDistribution","attributes":{"log":false,"step":1,"low":1,"high":8}}""", Compact(d.GetProperty("layers")));
            Assert.Equal("""{"name":"CategoricalDistribution","attributes":{"choices":["relu","tanh"]}}""", Compact(d.GetProperty("activation")));
            Assert.Equal(was.Reports.Select(r => (r.Step, r.Value)), now.GetProperty("intermediate").EnumerateArray().Select(r => (r[0].GetInt64(), r[1].GetDouble())));
            Assert.Equal(was.Attributes.OrderBy(a => a.Key), now.GetProperty("user_attrs").EnumerateObject().Select(a => KeyValuePair.Create(a.Name, a.Value.GetString()!)));
            var system = now.GetProperty("system_attrs");
            Assert.Equal(was.Seed, system.GetProperty("attrhpo:seed").GetInt32());
            Assert.Equal(was.Error, system.TryGetProperty("attrhpo:error", out var e) ? e.GetString() : null);
            Assert.Equal(Local(was.Started), Time(now.GetProperty("start")));
            Assert.Equal(Local(was.Finished), Time(now.GetProperty("complete")));
        }
    }

    [Fact]
    public async Task AnOptunaStudyImportsWithItsTrialsAndSpace()
    {
        var folder = fixture.NewFolder();
        var optuna = Path.Combine(folder, "optuna.db");
        var target = Path.Combine(folder, "target.db");
        await OptunaPython.RunAsync(OptunaPython.Create, optuna, "static");
        var loaded = await OptunaPython.LoadAsync(optuna, "warm");

        var (code, output, error) = await Tool.RunAsync("import", "--format", "optuna", "--from", optuna, "--study", "warm", "--storage", target, "--objective", "Warm.Objective");

        Assert.True(code == 0, error);
        Assert.Contains("Imported 8 trial(s) of the Optuna study 'warm' as the study 'warm'", output, StringComparison.Ordinal);
        await using var storage = StudyStorage.Sqlite(target);
        var study = Assert.Single(await storage.GetStudiesAsync(CancellationToken.None));
        Assert.Equal(("warm", "Warm.Objective", Direction.Maximize), (study.Name, study.Identity.ObjectiveId, study.Identity.Direction));
        Assert.Equal(
            "lr: real [1E-05, 0.1] log\nunits: integer [16, 128] step 16\noptimizer: choice {adam, sgd, rmsprop}\nbatch: choice {32, 64}\ndropout: real [0, 0.5] step 0.1",
            study.Space);
        var space = new SearchSpace([
            new RealDimension("lr", 1e-5, 0.1, log: true), new IntegerDimension("units", 16, 128, step: 16), new CategoricalDimension("optimizer", ["adam", "sgd", "rmsprop"]),
            new CategoricalDimension("batch", ["32", "64"]), new RealDimension("dropout", 0, 0.5, step: 0.1)]);
        var imported = (await storage.GetChangesAsync("warm", 0, CancellationToken.None)).Trials.OrderBy(t => t.Number).ToList();
        var trials = loaded.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(trials.Count, imported.Count);
        Assert.Equal(["COMPLETE", "FAIL", "PRUNED"], trials.Select(t => t.GetProperty("state").GetString()!).Distinct().Order(StringComparer.Ordinal));
        foreach (var (was, now) in trials.Zip(imported))
        {
            var at = $"trial {now.Number}";
            Assert.Equal(was.GetProperty("number").GetInt32(), now.Number);
            Assert.True(State(now.State) == was.GetProperty("state").GetString(), at);
            Assert.Equal(was.GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null, now.Value);
            Assert.Equal(was.GetProperty("intermediate").EnumerateArray().Select(r => new IntermediateValue(r[0].GetInt64(), r[1].GetDouble())), now.Reports);
            Assert.Equal(was.GetProperty("user_attrs").EnumerateObject().Select(a => KeyValuePair.Create(a.Name, a.Value.GetString()!)), now.Attributes);
            Assert.Equal(Time(was.GetProperty("start")), Local(now.Started));
            Assert.Equal(Time(was.GetProperty("complete")), Local(now.Finished));
            var p = was.GetProperty("params");
            if (now.Number == 6)
            {
                Assert.Equal((TrialState.Failed, "The trial failed in Optuna.", false), (now.State, now.Error, now.HasParameters)); // failed before suggesting anything
                continue;
            }

            using var parameters = JsonDocument.Parse(now.ParametersJson);
            var json = parameters.RootElement;
            Assert.Equal(p.GetProperty("lr").GetDouble(), json.GetProperty("lr").GetDouble());
            Assert.Equal(p.GetProperty("units").GetInt64(), json.GetProperty("units").GetInt64());
            Assert.Equal(p.GetProperty("optimizer").GetString(), json.GetProperty("optimizer").GetString());
            Assert.Equal(p.GetProperty("batch").GetInt64(), json.GetProperty("batch").GetInt64());
            Assert.Equal(p.GetProperty("dropout").GetDouble(), json.GetProperty("dropout").GetDouble());
            // The unit-cube point decodes to the same values, so samplers warm-start from where Optuna's trials were.
            Assert.Equal(p.GetProperty("lr").GetDouble(), ((RealDimension)space.Dimensions[0]).Decode(now.Point[0]), 1e-12);
            Assert.Equal(p.GetProperty("units").GetInt64(), ((IntegerDimension)space.Dimensions[1]).Decode(now.Point[1]));
            Assert.Equal(p.GetProperty("optimizer").GetString(), ((CategoricalDimension)space.Dimensions[2]).Labels[((CategoricalDimension)space.Dimensions[2]).Decode(now.Point[2])]);
            Assert.Equal(p.GetProperty("batch").GetInt64().ToString(CultureInfo.InvariantCulture), ((CategoricalDimension)space.Dimensions[3]).Labels[((CategoricalDimension)space.Dimensions[3]).Decode(now.Point[3])]);
            Assert.Equal(p.GetProperty("dropout").GetDouble(), ((RealDimension)space.Dimensions[4]).Decode(now.Point[4]), 1e-12);
        }

        Assert.Equal("The trial failed in Optuna.", imported.Single(t => t.Number == 3).Error); // Optuna 3.1 keeps no failure reason
    }

    [Fact]
    public async Task ADynamicSpaceIsRefusedNamingTheParameterAndTrial()
    {
        var folder = fixture.NewFolder();
        var optuna = Path.Combine(folder, "optuna.db");
        var target = Path.Combine(folder, "target.db");
        await OptunaPython.RunAsync(OptunaPython.Create, optuna, "dynamic");

        var (code, output, error) = await Tool.RunAsync("import", "--format", "optuna", "--from", optuna, "--storage", target);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Empty(output);
        Assert.Contains("trial 1 has the parameter 'extra', which trial 0 has not", error, StringComparison.Ordinal);
        Assert.Contains("dynamic search space", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task AFileOfSeveralStudiesNeedsTheStudyNamed()
    {
        var folder = fixture.NewFolder();
        var optuna = Path.Combine(folder, "optuna.db");
        var target = Path.Combine(folder, "target.db");
        await OptunaPython.RunAsync(OptunaPython.Create, optuna, "static");
        await OptunaPython.RunAsync("import sys, optuna; optuna.create_study(study_name='other', storage='sqlite:///' + sys.argv[1])", optuna);

        var unnamed = await Tool.RunAsync("import", "-f", "optuna", "--from", optuna, "-s", target);
        Assert.Equal(ExitCodes.Refused, unnamed.ExitCode);
        Assert.Contains("holds 2 studies ('warm', 'other'); name the one to import with --from-study NAME", unnamed.Error, StringComparison.Ordinal);
        var unknown = await Tool.RunAsync("import", "-f", "optuna", "--from", optuna, "--from-study", "nope", "-s", target);
        Assert.Contains("has no study named 'nope'", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));

        var (code, output, error) = await Tool.RunAsync("import", "-f", "optuna", "--from", optuna, "--from-study", "warm", "--study", "warm-start", "-s", target);
        Assert.True(code == 0, error);
        Assert.Contains("of the Optuna study 'warm' as the study 'warm-start' (objective optuna:warm)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOptunaExportReplacesAFileOnlyWithForce()
    {
        var file = Path.Combine(fixture.NewFolder(), "optuna.db");
        await File.WriteAllTextAsync(file, "keep me");
        string[] export = ["export", "-f", "optuna", "-s", fixture.File, "--study", StudyFileFixture.Asha, "-o", file];

        var refused = await Tool.RunAsync(export);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));

        var forced = await Tool.RunAsync([.. export, "--force"]);
        Assert.True(forced.ExitCode == 0, forced.Error);
        var loaded = await OptunaPython.LoadAsync(file, StudyFileFixture.Asha);
        Assert.Equal((await fixture.TrialsAsync(StudyFileFixture.Asha)).Count, loaded.GetProperty("trials").GetArrayLength());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!)); // no temporary file left beside it
    }

    [Fact]
    public async Task AStudyExportedToOptunaImportsBackAsTheSameStudy()
    {
        var folder = fixture.NewFolder();
        var optuna = Path.Combine(folder, "optuna.db");
        var target = Path.Combine(folder, "target.db");
        Assert.Equal(0, (await Tool.RunAsync("export", "-f", "optuna", "-s", fixture.File, "--study", StudyFileFixture.Asha, "-o", optuna)).ExitCode);

        var (code, _, error) = await Tool.RunAsync("import", optuna, "-f", "optuna", "-s", target, "--study", "back");

        Assert.True(code == 0, error);
        await using var storage = StudyStorage.Sqlite(target);
        var study = Assert.Single(await storage.GetStudiesAsync(CancellationToken.None));
        await using var source = StudyStorage.Sqlite(fixture.File);
        var original = (await source.GetStudiesAsync(CancellationToken.None)).Single(s => s.Name == StudyFileFixture.Asha);
        Assert.Equal((original.Identity.ObjectiveId, original.Identity.Direction, original.Space), (study.Identity.ObjectiveId, study.Identity.Direction, study.Space));
        var was = await fixture.TrialsAsync(StudyFileFixture.Asha);
        var now = await fixture.TrialsAsync("back", target);
        Assert.Equal(
            was.Select(t => (t.Number, t.State, t.Value, t.ParametersJson, t.Seed, t.Budget, t.PromotedFrom, t.Worker, t.Error, t.Reports.Count, t.Attributes.Count)),
            now.Select(t => (t.Number, t.State, t.Value, t.ParametersJson, t.Seed, t.Budget, t.PromotedFrom, t.Worker, t.Error, t.Reports.Count, t.Attributes.Count)));
    }

    [Fact]
    public async Task ARunningTrialIsExportedAsRunningAndImportLeavesItOut()
    {
        var folder = fixture.NewFolder();
        var source = Path.Combine(folder, "source.db");
        var optuna = Path.Combine(folder, "optuna.db");
        File.Copy(fixture.File, source);
        await using (var storage = StudyStorage.Sqlite(source))
        {
            // A worker elsewhere runs trial 30 at export time.
            await storage.StartTrialAsync(StudyFileFixture.Pruned, new TrialLease("elsewhere", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), 100, CancellationToken.None);
        }

        Assert.Equal(0, (await Tool.RunAsync("export", "-f", "optuna", "-s", source, "--study", StudyFileFixture.Pruned, "-o", optuna)).ExitCode);
        var last = (await OptunaPython.LoadAsync(optuna, StudyFileFixture.Pruned)).GetProperty("trials").EnumerateArray().Last();
        Assert.Equal((30, "RUNNING", JsonValueKind.String, JsonValueKind.Null), (last.GetProperty("number").GetInt32(), last.GetProperty("state").GetString(), last.GetProperty("start").ValueKind, last.GetProperty("complete").ValueKind));

        var (code, output, error) = await Tool.RunAsync("import", "-f", "optuna", "--from", optuna, "-s", Path.Combine(folder, "back.db"));

        Assert.True(code == 0, error);
        Assert.Contains("Imported 30 trial(s)", output, StringComparison.Ordinal);
        Assert.Contains("left out 1 unfinished (running or waiting) trial(s)", output, StringComparison.Ordinal);
    }

    private static string State(TrialState state) => state switch
    {
        TrialState.Complete => "COMPLETE",
        TrialState.Pruned => "PRUNED",
        _ => "FAIL",
    };

    private static (string?, double, double, bool, JsonValueKind) Float(JsonElement distribution)
    {
        var a = distribution.GetProperty("attributes");
        return (distribution.GetProperty("name").GetString(), a.GetProperty("low").GetDouble(), a.GetProperty("high").GetDouble(), a.GetProperty("log").GetBoolean(), a.GetProperty("step").ValueKind);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>A time as Optuna keeps it: local, naive, to the microsecond.</summary>
    private static DateTime? Local(DateTimeOffset? time) => time is { } t ? new DateTime(t.ToLocalTime().DateTime.Ticks / 10 * 10, DateTimeKind.Unspecified) : null;

    private static DateTime? Time(JsonElement text) => text.ValueKind == JsonValueKind.String ? DateTime.Parse(text.GetString()!, CultureInfo.InvariantCulture) : null;
}
