namespace AttrHpo;

/// <summary>Why a trial could not be changed, in the same words whatever the storage.</summary>
internal static class TrialMessages
{
    /// <summary>The error for a result of a run of a trial that has been started again since.</summary>
    public static string StartedAgain(string study, int number, int attempt, int starts) =>
        $"Trial {number} of study '{study}' was started again (start {starts}) after this result's run (start {attempt}) lost its lease: " +
        "the later run's result is the one recorded. Keep the heartbeat alive (StudyOptions.LeaseDuration) for trials that block their thread, " +
        "or ask ask/tell trials with a lease longer than they take.";

    /// <summary>The error for a change to trial <paramref name="number"/>, which is in <paramref name="state"/> rather than running.</summary>
    public static string NotRunning(string study, int number, TrialState state) => state switch
    {
        TrialState.Complete or TrialState.Failed or TrialState.Pruned or TrialState.Cancelled =>
            $"Trial {number} of study '{study}' has already ended ({state}): it was told or finished once (or failed when its lease kept running out), " +
            "and a finished trial never changes. Nothing was written.",
        TrialState.Waiting =>
            $"Trial {number} of study '{study}' is waiting to run again, not running: its lease ran out, so this run's result is not recorded.",
        _ => $"Trial {number} of study '{study}' is {state}, not running: its lease may have expired and the trial been given to another worker.",
    };
}
