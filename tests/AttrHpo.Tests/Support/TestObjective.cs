using System.Text.Json;

namespace AttrHpo.Tests.Support;

/// <summary>The delegate a <see cref="TestObjective"/> runs for each trial.</summary>
public delegate ValueTask<double> TestInvoke(TestParameters parameters, TrialContext trial, CancellationToken cancellationToken);

/// <summary>
/// A hand-written objective shaped like the generator's shim: a log-scaled real, a stepped real, an integer and a choice.
/// </summary>
public class TestObjective : ObjectiveDefinition<TestParameters>
{
    public const string DefaultId = "AttrHpo.Tests.Support.TestObjective.Train";

    private static readonly string[] OptimizerChoices = ["sgd", "adam", "rmsprop"];
    private readonly TestInvoke _invoke;

    public TestObjective(TestInvoke invoke, Direction direction = Direction.Minimize, string id = DefaultId)
        : base(id, "Train", direction, CreateSpace(), budget: null)
    {
        _invoke = invoke;
    }

    private RealDimension LearningRate => (RealDimension)Space.Dimensions[0];

    private RealDimension Dropout => (RealDimension)Space.Dimensions[1];

    private IntegerDimension Layers => (IntegerDimension)Space.Dimensions[2];

    private CategoricalDimension Optimizer => (CategoricalDimension)Space.Dimensions[3];

    /// <summary>An objective computed synchronously from the parameters.</summary>
    public static TestObjective FromFunc(Func<TestParameters, double> function, Direction direction = Direction.Minimize) =>
        new((p, _, _) => ValueTask.FromResult(function(p)), direction);

    /// <summary>An objective computed synchronously from the trial's context.</summary>
    public static TestObjective FromTrial(Func<TrialContext, double> function, Direction direction = Direction.Minimize) =>
        new((_, t, _) => ValueTask.FromResult(function(t)), direction);

    public static SearchSpace CreateSpace() => new(
    [
        new RealDimension("learningRate", 1e-5, 1e-1, log: true),
        new RealDimension("dropout", 0.1, 0.5, step: 0.1),
        new IntegerDimension("layers", 1, 8),
        new CategoricalDimension("optimizer", OptimizerChoices),
    ]);

    public override TestParameters Decode(ReadOnlySpan<double> point)
    {
        CheckPoint(point.Length);
        return new TestParameters(
            LearningRate.Decode(point[0]),
            Dropout.Decode(point[1]),
            Layers.Decode(point[2]),
            OptimizerChoices[Optimizer.Decode(point[3])]);
    }

    public override void Encode(TestParameters parameters, Span<double> point)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckPoint(point.Length);
        point[0] = LearningRate.Encode(parameters.LearningRate);
        point[1] = Dropout.Encode(parameters.Dropout);
        point[2] = Layers.Encode(parameters.Layers);
        point[3] = Optimizer.Encode(Optimizer.IndexOfValue(parameters.Optimizer, OptimizerChoices));
    }

    public override void WriteJson(Utf8JsonWriter writer, TestParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        writer.WriteStartObject();
        writer.WriteNumber("learningRate", parameters.LearningRate);
        writer.WriteNumber("dropout", parameters.Dropout);
        writer.WriteNumber("layers", parameters.Layers);
        writer.WriteString("optimizer", parameters.Optimizer);
        writer.WriteEndObject();
    }

    public override TestParameters ReadJson(JsonElement json) => new(
        ParameterJson.GetReal(json, LearningRate),
        ParameterJson.GetReal(json, Dropout),
        ParameterJson.GetInteger(json, Layers),
        OptimizerChoices[ParameterJson.IndexOfChoice("optimizer", ParameterJson.GetString(json, "optimizer"), OptimizerChoices)]);

    public override ValueTask<double> InvokeAsync(TestParameters parameters, TrialContext trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return _invoke(parameters, trial, cancellationToken);
    }
}
