using AttrHpo.Tests.Support;

[assembly: AttrHpo.RegisteredObjective(typeof(RegisteredScoreObjective))]
[assembly: AttrHpo.RegisteredObjective(typeof(RegisteredAccuracyObjective))]

namespace AttrHpo.Tests.Support;

/// <summary>A shim registered on the test assembly, as the generator registers its shims: minimised, value = learningRate * layers.</summary>
internal sealed class RegisteredScoreObjective : TestObjective
{
    public const string ObjectiveId = "AttrHpo.Tests.Support.Objectives.Score";

    public RegisteredScoreObjective()
        : base((p, _, _) => ValueTask.FromResult(p.LearningRate * p.Layers), Direction.Minimize, ObjectiveId)
    {
    }
}

/// <summary>A second registered shim, maximised, with a non-public constructor as generated shims may have: value = dropout + trial number.</summary>
internal sealed class RegisteredAccuracyObjective : TestObjective
{
    public const string ObjectiveId = "AttrHpo.Tests.Support.Objectives.Accuracy";

    private RegisteredAccuracyObjective()
        : base((p, t, _) => ValueTask.FromResult(p.Dropout + t.Number), Direction.Maximize, ObjectiveId)
    {
    }
}
