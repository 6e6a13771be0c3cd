namespace AttrHpo;

/// <summary>The study's background duty while it runs: renewing its leases and recovering those of dead workers.</summary>
public sealed partial class Study<TParameters>
{
    /// <summary>Renews this worker's leases and recovers trials of workers that died, until stopped.</summary>
    private async Task RunHeartbeatAsync(string worker, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Options.LeaseDuration / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    var now = _time.GetUtcNow();
                    await _storage.RenewLeasesAsync(Name, worker, now + Options.LeaseDuration, stop).ConfigureAwait(false);
                    await _storage.RecoverExpiredTrialsAsync(Name, now, Options.MaxTrialStarts, stop).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    StudyLog.HeartbeatFailed(_logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The study's workers are done.
        }
    }
}
