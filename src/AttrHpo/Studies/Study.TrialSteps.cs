using System.Runtime.ExceptionServices;

namespace AttrHpo;

/// <summary>Two steps around a trial's run: telling the observer it starts, and recording a trial that never got to run.</summary>
public sealed partial class Study<TParameters>
{
    /// <summary>Records a trial that never got to run as cancelled; a storage that fails here leaves it to lease expiry.</summary>
    private async Task TryCancelUnstartedAsync(TrialRecord trial, string why)
    {
        try
        {
            var cancelled = new TrialEnd(TrialState.Cancelled, null, why, _time.GetUtcNow(), []) { Attempt = trial.Starts };
            await _storage.FinishTrialAsync(Name, trial.Number, cancelled, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StudyStorageException exception)
        {
            StudyLog.ResultDiscarded(_logger, trial.Number, exception.Message);
        }
    }

    /// <summary>
    /// Tells the observer that a trial is about to run. When it throws, the study is stopped at once (so that no other worker
    /// starts a trial) and the fault is returned, for the trial to be recorded as cancelled before it is rethrown.
    /// </summary>
    private static async Task<ExceptionDispatchInfo?> TellStartedAsync(WorkerRun run, TrialRecord started)
    {
        if (run.Observer is not { } observer)
        {
            return null;
        }

        try
        {
            observer.TrialStarted(started);
            return null;
        }
        catch (Exception exception)
        {
            await run.Stop.CancelAsync().ConfigureAwait(false);
            return ExceptionDispatchInfo.Capture(exception);
        }
    }
}
