namespace AttrHpo;

/// <summary>
/// A request for a slot's next trial, sent after a delay unless the current trial ends first. Exactly one of the two happens:
/// <see cref="EndWaiting"/> either stops a request not yet sent (so no trial is claimed that nobody would run) or finds it
/// sent, and then its <see cref="Answer"/> is the next trial to run.
/// </summary>
internal sealed class AskAhead : IDisposable
{
    private const int Waiting = 0;
    private const int Sent = 1;
    private const int Stopped = 2;
    private readonly CancellationTokenSource _ended = new();
    private int _state;

    public AskAhead(Func<Task<TrialWork?>> ask, TimeSpan after) => Answer = AskAfterAsync(ask, after);

    /// <summary>The trial the request claimed; <see langword="null"/> when none was free, the request failed, or it was not sent.</summary>
    public Task<TrialWork?> Answer { get; }

    /// <summary>Called when the current trial ends: whether the request was sent (then await <see cref="Answer"/>).</summary>
    public bool EndWaiting()
    {
        var previous = Interlocked.CompareExchange(ref _state, Stopped, Waiting);
        if (previous == Waiting)
        {
            _ended.Cancel();
        }

        return previous == Sent;
    }

    /// <summary>
    /// Stops a request not yet sent (the slot left its loop without ending the wait: the silo is stopping, or the trial's run
    /// failed), so that a delay still pending never claims a trial once nobody waits for it.
    /// </summary>
    public void Dispose()
    {
        EndWaiting();
        _ended.Dispose();
    }

    private async Task<TrialWork?> AskAfterAsync(Func<Task<TrialWork?>> ask, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, _ended.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        if (Interlocked.CompareExchange(ref _state, Sent, Waiting) != Waiting)
        {
            return null;
        }

        try
        {
            return await ask().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null; // the coordinator is failing over: the slot asks again the usual way
        }
    }
}
