using System.Text.Json;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Objectives;

public sealed class ObjectiveRegistryTests
{
    private static TestObjective Objective(string id) => new((p, _, _) => ValueTask.FromResult(p.Layers * 10.0), Direction.Minimize, id);

    [Fact]
    public void GetFindsObjectivesById()
    {
        var a = Objective("Ns.A.Run");
        var b = Objective("Ns.B.Run");
        var registry = new ObjectiveRegistry([b, a]);
        Assert.Same(a, registry.Get("Ns.A.Run"));
        Assert.Same(b, registry.Get("Ns.B.Run"));
        Assert.True(registry.TryGet("Ns.A.Run", out var found));
        Assert.Same(a, found);
        Assert.False(registry.TryGet("ns.a.run", out _));
        Assert.Equal(["Ns.A.Run", "Ns.B.Run"], registry.Objectives.Select(o => o.Id));
    }

    [Fact]
    public void UnknownIdsListTheRegisteredOnes()
    {
        var registry = new ObjectiveRegistry([Objective("Ns.B.Run"), Objective("Ns.A.Run")]);
        var error = Assert.Throws<KeyNotFoundException>(() => registry.Get("Ns.C.Run"));
        Assert.Contains("'Ns.C.Run'", error.Message);
        Assert.Contains("Registered: Ns.A.Run, Ns.B.Run.", error.Message);
    }

    [Fact]
    public void AnEmptyRegistrySaysSo()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new ObjectiveRegistry([]).Get("X"));
        Assert.Contains("Registered: none", error.Message);
    }

    [Fact]
    public void DuplicateIdsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ObjectiveRegistry([Objective("Ns.A.Run"), Objective("Ns.B.Run"), Objective("Ns.A.Run")]));
        Assert.Contains("'Ns.A.Run'", error.Message);
        Assert.Equal("objectives", error.ParamName);
    }

    [Fact]
    public async Task InvokeJsonRunsATrialFromJsonAlone()
    {
        var registry = new ObjectiveRegistry([Objective("Ns.A.Run")]);
        var value = await registry.Get("Ns.A.Run").InvokeJsonAsync(
            """{"learningRate": 0.01, "dropout": 0.3, "layers": 4, "optimizer": "adam"}""", TrialFactory.Context(), CancellationToken.None);
        Assert.Equal(40.0, value);
    }

    [Fact]
    public async Task InvokeJsonRejectsParametersOfAnotherShape()
    {
        IRegisteredObjective objective = Objective("Ns.A.Run");
        var error = await Assert.ThrowsAsync<JsonException>(() => objective.InvokeJsonAsync(
            """{"learningRate": 0.01, "dropout": 0.3, "optimizer": "adam"}""", TrialFactory.Context(), CancellationToken.None).AsTask());
        Assert.Contains("'layers'", error.Message);
    }

    [Fact]
    public void DecodeToJsonRoundTripsThroughFromJson()
    {
        var objective = Objective("Ns.A.Run");
        IRegisteredObjective untyped = objective;
        foreach (var u in new[] { 0.0, 0.123, 0.5, 0.77, Math.BitDecrement(1.0), 1.0 })
        {
            double[] point = [u, 1 - u, u, u];
            var json = untyped.DecodeToJson(point);
            Assert.Equal(objective.Decode(point), objective.FromJson(json));
            Assert.Equal(json, objective.ToJson(objective.FromJson(json)));
        }
    }

    [Fact]
    public void FromAssemblyFindsTheRegisteredShims()
    {
        var registry = ObjectiveRegistry.FromAssembly(typeof(ObjectiveRegistryTests).Assembly);
        // The hand-written shims, and those the generator wrote for Execution/GpuObjectives.cs, Execution/GpuDeviceObjectives.cs, Generated/TypedStudyTests.cs,
        // Generated/InstanceObjectiveTests.cs, Reporting/MarkupLabels.cs, Scheduling/CheckpointTests.cs,
        // Studies/GpParallelStudyTests.cs and the replays' objectives (tests/AttrHpo.StudyWorker/Replay); ordered by id.
        Assert.Equal(
            [
                "AttrHpo.StudyWorker.ReplayObjectives.Loss",
                "AttrHpo.StudyWorker.ReplayObjectives.Score",
                "AttrHpo.Tests.Execution.GpuKernels.Ramp",
                "AttrHpo.Tests.Execution.NativeTrainer.Train",
                "AttrHpo.Tests.Generated.Branin.EvaluateAsync",
                "AttrHpo.Tests.Generated.LineFit.ErrorAsync",
                "AttrHpo.Tests.Reporting.MarkupLabels.Score",
                "AttrHpo.Tests.Scheduling.Incremental.TrainAsync",
                "AttrHpo.Tests.Studies.ParallelBranin.EvaluateAsync",
                RegisteredAccuracyObjective.ObjectiveId,
                RegisteredScoreObjective.ObjectiveId,
            ],
            registry.Objectives.Select(o => o.Id));
        Assert.IsType<RegisteredScoreObjective>(registry.Get(RegisteredScoreObjective.ObjectiveId));
        Assert.Equal(Direction.Maximize, registry.Get(RegisteredAccuracyObjective.ObjectiveId).Direction);
        Assert.Equal(4, registry.Get(RegisteredScoreObjective.ObjectiveId).Space.Count);
    }

    [Fact]
    public async Task ARegisteredShimRunsFromItsIdAndJson()
    {
        var registry = ObjectiveRegistry.FromAssembly(typeof(ObjectiveRegistryTests).Assembly);
        var objective = registry.Get(RegisteredAccuracyObjective.ObjectiveId);
        var json = objective.DecodeToJson([0.5, 0.99, 0.5, 0.5]);
        Assert.Equal(0.5 + 7, await objective.InvokeJsonAsync(json, TrialFactory.Context(number: 7), CancellationToken.None));
    }

    [Fact]
    public void AnAssemblyWithoutShimsGivesAnEmptyRegistry() =>
        Assert.Empty(ObjectiveRegistry.FromAssembly(typeof(ObjectiveRegistry).Assembly).Objectives);
}
