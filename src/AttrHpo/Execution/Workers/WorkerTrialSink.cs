namespace AttrHpo;

/// <summary>
/// In a worker, sends a trial's reports and attributes to the study as they happen. When the study has an early-stopping rule,
/// a report waits for the rule's verdict, so that <see cref="TrialContext.ShouldPrune"/> means in a worker what it means in process.
/// </summary>
internal sealed class WorkerTrialSink(WorkerConnection connection, bool waitForVerdicts, CancellationToken cancellationToken) : ITrialContextSink, IDisposable
{
    private readonly SemaphoreSlim _verdictArrived = new(0, 1);
    private bool _verdict;

    public bool Reported(long step, double value)
    {
        connection.Send(WorkerProtocol.Message("report", w =>
        {
            w.WriteNumber("step", step);
            WorkerProtocol.WriteDouble(w, "value", value);
            w.WriteBoolean("wait", waitForVerdicts);
        }));
        if (!waitForVerdicts)
        {
            return false;
        }

        // Report is synchronous (called inside the objective's loop): it blocks until the reader hands over the verdict.
        _verdictArrived.Wait(cancellationToken);
        return Volatile.Read(ref _verdict);
    }

    public void AttributeSet(string key, string value) =>
        connection.Send(WorkerProtocol.Message("attribute", w =>
        {
            w.WriteString("key", key);
            w.WriteString("value", value);
        }));

    /// <summary>The study's verdict on the last report, from the reader.</summary>
    public void Verdict(bool prune)
    {
        Volatile.Write(ref _verdict, prune);
        _verdictArrived.Release();
    }

    public void Dispose() => _verdictArrived.Dispose();
}
