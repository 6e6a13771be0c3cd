namespace AttrHpo;

/// <summary>Waiting for other workers' trials: those of dead processes of this machine at once, the others until their leases end.</summary>
public sealed partial class Study<TParameters>
{
    /// <summary>
    /// The budget is used up, but trials of other workers (other processes, or a worker that died) may still run. Rather than
    /// return with the budget unfinished, wait a little, recover what expired, and say whether to look again: a dead worker's
    /// trial comes back once its lease runs out (at once when its process ran on this machine), and is run here.
    /// </summary>
    private async Task<bool> AwaitOthersAsync(WorkerRun run)
    {
        run.View.Apply(await _storage.GetChangesAsync(Name, run.View.Version, run.Stop.Token).ConfigureAwait(false));
        var others = run.View.WorkersElsewhere(run.Worker);
        if (others.Count == 0)
        {
            run.TellWaiting([]);
            return false;
        }

        if (await ReclaimDeadWorkersAsync(run.View, run.Worker, run.Stop.Token).ConfigureAwait(false) == 0)
        {
            run.TellWaiting(others);
            foreach (var (worker, _, until) in others)
            {
                bool first;
                lock (run.WaitedFor)
                {
                    first = run.WaitedFor.Add(worker);
                }

                if (first)
                {
                    StudyLog.WaitingForWorker(_logger, Name, worker, until);
                }
            }

            var poll = Options.LeaseDuration / 3 < TimeSpan.FromSeconds(1) ? Options.LeaseDuration / 3 : TimeSpan.FromSeconds(1);
            await Task.Delay(poll, _time, run.Stop.Token).ConfigureAwait(false);
        }

        await _storage.RecoverExpiredTrialsAsync(Name, _time.GetUtcNow(), Options.MaxTrialStarts, run.Stop.Token).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Ends the leases of trials whose worker ran in a process of this machine that has exited (<see cref="DeadWorkers"/>), and
    /// recovers them, so they run again now rather than when their leases would have run out (or never, for trials asked
    /// without a lease).
    /// </summary>
    /// <returns>How many workers were found dead.</returns>
    private async Task<int> ReclaimDeadWorkersAsync(StudyView view, string self, CancellationToken cancellationToken)
    {
        var dead = 0;
        foreach (var worker in view.RunningWorkers(self))
        {
            if (DeadWorkers.IsDeadHere(worker))
            {
                var now = _time.GetUtcNow();
                await _storage.RenewLeasesAsync(Name, worker, now - TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                StudyLog.DeadWorkerReclaimed(_logger, Name, worker);
                dead++;
            }
        }

        if (dead > 0)
        {
            await _storage.RecoverExpiredTrialsAsync(Name, _time.GetUtcNow(), Options.MaxTrialStarts, cancellationToken).ConfigureAwait(false);
            view.Apply(await _storage.GetChangesAsync(Name, view.Version, cancellationToken).ConfigureAwait(false));
        }

        return dead;
    }
}
