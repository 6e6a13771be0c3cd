namespace AttrHpo;

/// <summary>What becomes of a running trial whose worker stopped renewing its lease: the policy every storage applies.</summary>
internal static class ExpiredTrials
{
    /// <summary>Back to waiting while it may be started again, failed otherwise.</summary>
    public static TrialRecord Recover(TrialRecord trial, DateTimeOffset now, int maxStarts) =>
        trial.Starts < maxStarts
            ? trial with { State = TrialState.Waiting, LeaseUntil = null, Worker = string.Empty, Reports = [], Attributes = TrialAttributes.Empty }
            : trial with
            {
                State = TrialState.Failed,
                LeaseUntil = null,
                Finished = now,
                Error = FailureMessage(trial.Worker, trial.Starts),
            };

    /// <summary>The error recorded for a trial whose worker stopped renewing its lease too many times.</summary>
    public static string FailureMessage(string worker, int starts) =>
        $"The worker running this trial ({worker}) stopped renewing its lease: it died or hung. The trial was started {starts} time(s), " +
        "the most allowed (StudyOptions.MaxTrialStarts).";
}
