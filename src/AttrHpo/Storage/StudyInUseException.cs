namespace AttrHpo;

/// <summary>
/// A study was not deleted or renamed because a worker runs it: trials of it are running under leases that have not ended
/// (<see cref="IStudyAdministration"/>). Nothing was changed.
/// </summary>
public sealed class StudyInUseException : StudyStorageException
{
    /// <summary>Creates the exception for <paramref name="study"/> and its running trials.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="runningTrials">The numbers of its running trials whose lease holds (of any of its versions).</param>
    /// <param name="operation">What was refused: "deleted" or "renamed".</param>
    public StudyInUseException(string study, IReadOnlyList<int> runningTrials, string operation)
        : base(
            $"The study '{study}' is not {operation}: {runningTrials?.Count} of its trials (number {string.Join(", ", runningTrials ?? [])}) are running " +
            "under a worker's lease that has not ended. Nothing was changed. Stop its workers, or wait until their leases end, then try again; " +
            "or ask for it with force, and the workers fail at their next write.")
    {
        ArgumentNullException.ThrowIfNull(runningTrials);
        Study = study;
        RunningTrials = runningTrials;
    }

    /// <summary>The study's name.</summary>
    public string Study { get; }

    /// <summary>The numbers of its running trials whose lease holds.</summary>
    public IReadOnlyList<int> RunningTrials { get; }
}
