using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Generators.Tests;

/// <summary>Runs the generated shims: decoding, encoding, JSON and invocation behave as the annotations say.</summary>
public sealed class GeneratedBehaviourTests
{
    private static readonly double[] Corners = [0.0, 1e-300, 0.25, 0.5, 0.999999, Math.BitDecrement(1.0), 1.0];

    [Fact]
    public void Every_objective_is_registered_under_its_stable_id()
    {
        var ids = GeneratedAssembly.Registry.Objectives.Select(o => o.Id).ToList();

        string[] expected =
        [
            "Demo.Baseline.MeasureAsync", "Demo.Boosting.FitAsync", "Demo.Grid.Evaluate", "Demo.Kernels.Fit", "Demo.Kernels.Train", "Demo.Models.Training.Train", "Demo.Native.TrainAsync",
            "Demo.Network.TrainAsync",
            "Demo.Outer.Experiments.Inner.Run", "Demo.Ranker.Rank", "Demo.Search.Score", "Demo.Svm.Fit", "Demo.Trainer.FitAsync", "Demo.Tuning.Fit", "Toy.Quadratic",
        ];
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void Objective_attributes_set_direction_name_and_budget()
    {
        var registry = GeneratedAssembly.Registry;

        var score = registry.Get("Demo.Search.Score");
        Assert.Equal(Direction.Maximize, score.Direction);
        Assert.Equal("accuracy", score.Name);
        Assert.Null(score.Budget);
        Assert.Equal(new BudgetRange("epochs", 1, 81), registry.Get("Demo.Network.TrainAsync").Budget);
        Assert.Equal(new BudgetRange("iterations", 10, 10000), registry.Get("Demo.Svm.Fit").Budget);
    }

    [Fact]
    public void The_CSharp_defaults_of_hyperparameters_are_written_as_their_values_are()
    {
        Assert.Equal(
            """{"momentum":0.9,"hiddenUnits":64,"leaves":10,"subsample":0.5,"schedule":"Cosine","optimizer":"adam","nesterov":true}""",
            DefaultJson("Demo.Tuning.Fit"));
        Assert.Equal("{}", DefaultJson("Demo.Search.Score"));
    }

    [Fact]
    public void Only_an_objective_that_takes_an_accelerator_or_a_GpuDevice_or_declares_Gpu_needs_one()
    {
        var needing = GeneratedAssembly.Registry.Objectives.Where(o => o.NeedsAccelerator).Select(o => o.Id);

        Assert.Equal(["Demo.Kernels.Fit", "Demo.Kernels.Train", "Demo.Native.TrainAsync"], needing);
    }

    [Fact]
    public async Task The_injected_GpuDevice_is_the_one_leased_to_the_trial()
    {
        var train = GeneratedAssembly.Registry.Get("Demo.Native.TrainAsync");
        var context = new TrialContext("study", 0, 1, NullLogger.Instance);
        using var lease = context.AttachResource(new GpuDevice(2, "stand-in", 1 << 20));

        var value = await train.InvokeJsonAsync("""{"learningRate":0.25}""", context, default);

        Assert.Equal(0.75, value); // learningRate * (device.Index + 1)
    }

    [Fact]
    public async Task Without_a_lease_the_injected_accelerator_fails_with_a_message_that_names_the_fix()
    {
        var train = GeneratedAssembly.Registry.Get("Demo.Kernels.Train");
        var context = new TrialContext("study", 0, 1, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await train.InvokeJsonAsync("""{"learningRate":0.01}""", context, default));

        Assert.Contains("GpuExecutor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_instance_objective_runs_on_the_instance_its_factory_creates()
    {
        var fit = GeneratedAssembly.Registry.Get("Demo.Trainer.FitAsync");
        var context = new TrialContext("study", 0, 1, NullLogger.Instance);

        // Trainer.Load() holds [1.0, 2.0], and the objective returns data[0] + shift.
        Assert.Equal(1.5, await fit.InvokeJsonAsync("""{"shift":0.5}""", context, default));
        Assert.Equal(4.0, await fit.InvokeJsonAsync("""{"shift":3.0}""", context, default));
    }

    [Fact]
    public async Task A_registered_instance_objective_without_a_factory_fails_with_a_message_that_names_the_fix()
    {
        var rank = GeneratedAssembly.Registry.Get("Demo.Ranker.Rank");
        var context = new TrialContext("study", 0, 1, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await rank.InvokeJsonAsync("""{"depth":3}""", context, default));

        Assert.Contains("[ObjectiveFactory] public static Ranker Create()", error.Message, StringComparison.Ordinal);
        Assert.Contains("Demo.Ranker.Rank", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_corner_of_the_cube_decodes_to_json_that_reads_back_identically(string id)
    {
        var objective = GeneratedAssembly.Registry.Get(id);
        foreach (var u in Corners)
        {
            var point = Enumerable.Repeat(u, objective.Space.Count).ToArray();
            var json = objective.DecodeToJson(point);
            using var document = JsonDocument.Parse(json);
            Assert.Equal(objective.Space.Count, document.RootElement.EnumerateObject().Count());

            // The JSON reader validates every value against its dimension, so a successful read proves range and step.
            var again = Roundtrip(objective, json);
            Assert.Equal(json, again);
        }
    }

    [Fact]
    public void Decoded_values_respect_range_step_and_type()
    {
        var objective = GeneratedAssembly.Registry.Get("Demo.Models.Training.Train");
        foreach (var u in Corners)
        {
            using var json = JsonDocument.Parse(objective.DecodeToJson([u, u, u, u]));
            var root = json.RootElement;
            var learningRate = root.GetProperty("learningRate").GetDouble();
            var hiddenUnits = root.GetProperty("hiddenUnits").GetInt32();
            Assert.InRange(learningRate, 1e-5, 1e-1);
            Assert.InRange(hiddenUnits, 32, 512);
            Assert.Equal(0, hiddenUnits % 32);
            Assert.Contains(root.GetProperty("optimizer").GetString(), new[] { "adam", "sgd", "rmsprop" });
        }

        using var low = JsonDocument.Parse(objective.DecodeToJson([0, 0, 0, 0]));
        using var high = JsonDocument.Parse(objective.DecodeToJson([1, 1, 1, 1]));
        Assert.Equal(1e-5, low.RootElement.GetProperty("learningRate").GetDouble());
        Assert.Equal(0.1, high.RootElement.GetProperty("learningRate").GetDouble());
        Assert.Equal(512, high.RootElement.GetProperty("hiddenUnits").GetInt32());
        Assert.Equal("rmsprop", high.RootElement.GetProperty("optimizer").GetString());
    }

    [Fact]
    public void Float_steps_decode_to_the_values_the_user_wrote()
    {
        var objective = GeneratedAssembly.Registry.Get("Demo.Boosting.FitAsync");
        var seen = new HashSet<string>();
        for (var i = 0; i <= 1000; i++)
        {
            using var json = JsonDocument.Parse(objective.DecodeToJson([i / 1000.0, 0.5]));
            seen.Add(json.RootElement.GetProperty("subsample").GetRawText());
        }

        Assert.Equal(["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enum_and_bool_choices_are_written_by_name_and_cover_every_value()
    {
        var objective = GeneratedAssembly.Registry.Get("Demo.Network.TrainAsync");
        var activations = new HashSet<string>();
        var flags = new HashSet<bool>();
        for (var i = 0; i < 12; i++)
        {
            using var json = JsonDocument.Parse(objective.DecodeToJson([i / 11.0, i / 11.0]));
            activations.Add(json.RootElement.GetProperty("activation").GetString()!);
            flags.Add(json.RootElement.GetProperty("batchNorm").GetBoolean());
        }

        Assert.Equal(["Relu", "Sigmoid", "Tanh"], activations.Order(StringComparer.Ordinal));
        Assert.Equal([false, true], flags.Order());
    }

    [Fact]
    public async Task A_trial_runs_from_the_id_and_the_json_alone_with_the_budget_at_its_maximum()
    {
        var objective = GeneratedAssembly.Registry.Get("Demo.Network.TrainAsync");
        var trial = new TrialContext("test", 3, 7, NullLogger.Instance);

        var value = await objective.InvokeJsonAsync("""{"activation":"Sigmoid","batchNorm":true}""", trial, CancellationToken.None);

        Assert.Equal(2.0, value);
        Assert.Equal([new IntermediateValue(81, 1.0)], trial.Reports);
    }

    [Theory]
    [InlineData("Demo.Models.Training.Train", """{"learningRate":0.5,"hiddenUnits":32,"optimizer":"adam","dropout":0.1}""", "learningRate")]
    [InlineData("Demo.Models.Training.Train", """{"learningRate":0.01,"hiddenUnits":33,"optimizer":"adam","dropout":0.1}""", "hiddenUnits")]
    [InlineData("Demo.Models.Training.Train", """{"learningRate":0.01,"hiddenUnits":32,"optimizer":"lbfgs","dropout":0.1}""", "optimizer")]
    [InlineData("Demo.Models.Training.Train", """{"learningRate":0.01,"hiddenUnits":32,"optimizer":"adam"}""", "dropout")]
    [InlineData("Demo.Network.TrainAsync", """{"activation":"Softmax","batchNorm":true}""", "activation")]
    [InlineData("Demo.Boosting.FitAsync", """{"subsample":0.15,"leaves":10}""", "subsample")]
    public async Task Json_that_is_not_a_point_of_the_space_is_refused_with_the_parameter_named(string id, string json, string parameter)
    {
        var objective = GeneratedAssembly.Registry.Get(id);

        var error = await Assert.ThrowsAsync<JsonException>(() =>
            objective.InvokeJsonAsync(json, new TrialContext("test", 0, 0, NullLogger.Instance), CancellationToken.None).AsTask());

        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Ids() => [.. GeneratedAssembly.Registry.Objectives.Select(o => o.Id)];

    private static string Roundtrip(IRegisteredObjective objective, string json)
    {
        // Read through the typed path (ReadJson), then write again (WriteJson).
        var definition = objective.GetType().BaseType!;
        var parameters = definition.GetMethod("FromJson")!.Invoke(objective, [json])!;
        return (string)definition.GetMethod("ToJson")!.Invoke(objective, [parameters])!;
    }

    /// <summary>What an objective's WriteDefaultJson writes (the registry hands out objectives untyped).</summary>
    private static string DefaultJson(string id)
    {
        var objective = GeneratedAssembly.Registry.Get(id);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            objective.GetType().GetMethod("WriteDefaultJson")!.Invoke(objective, [writer]);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
