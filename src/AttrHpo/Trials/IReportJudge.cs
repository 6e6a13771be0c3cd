namespace AttrHpo;

/// <summary>
/// What a <see cref="TrialContext"/> asks about each intermediate value it is told: whether the trial should stop now. A
/// study's early-stopping rule (<c>IPruner</c>) is one; the trial knows nothing more of pruning.
/// </summary>
public interface IReportJudge
{
    /// <summary>Takes in trial <paramref name="trial"/>'s value at <paramref name="atStep"/> and says whether the trial should stop now.</summary>
    /// <param name="trial">The trial's number.</param>
    /// <param name="atStep">The step the value belongs to; a trial's steps increase.</param>
    /// <param name="value">The reported value, in the objective's own direction.</param>
    /// <returns>Whether the trial should stop (be pruned).</returns>
    bool Report(int trial, long atStep, double value);
}
