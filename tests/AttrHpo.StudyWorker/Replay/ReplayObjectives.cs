namespace AttrHpo.StudyWorker;

/// <summary>
/// The objectives of the pruning replays (compiled into the study worker and the tests alike, so both open the same
/// studies): the decisions come from the reports told, so the objective itself never runs.
/// </summary>
public static partial class ReplayObjectives
{
    /// <summary>A study whose reported values are losses.</summary>
    [Objective(Direction.Minimize)]
    public static double Loss([Hyperparameter(0.0, 1.0)] double x) => x;

    /// <summary>A study whose reported values are scores.</summary>
    [Objective(Direction.Maximize)]
    public static double Score([Hyperparameter(0.0, 1.0)] double x) => x;
}
