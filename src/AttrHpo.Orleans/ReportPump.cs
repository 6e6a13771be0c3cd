using System.Threading.Channels;

namespace AttrHpo;

/// <summary>
/// Sends a trial's reports to its coordinator in the order made, without blocking the objective: the coordinator stores
/// each at once and answers whether the pruning rule stops the trial, which <see cref="TrialContext.ShouldPrune"/> shows
/// from the next report on.
/// </summary>
internal sealed class ReportPump : ITrialContextSink
{
    private readonly Channel<IntermediateValue> _reports = Channel.CreateUnbounded<IntermediateValue>(new() { SingleReader = true });
    private readonly Task _sending;
    private volatile bool _prune;

    public ReportPump(IStudyCoordinatorGrain coordinator, int number) =>
        _sending = Task.Run(() => SendAsync(coordinator, number));

    public bool Reported(long step, double value)
    {
        _reports.Writer.TryWrite(new IntermediateValue(step, value));
        return _prune;
    }

    public void AttributeSet(string key, string value)
    {
        // Sent with the trial's result (TrialEnd's attributes).
    }

    /// <summary>Waits until every report made so far has been sent, or its sending failed.</summary>
    public Task CompleteAsync()
    {
        _reports.Writer.TryComplete();
        return _sending;
    }

    private async Task SendAsync(IStudyCoordinatorGrain coordinator, int number)
    {
        await foreach (var report in _reports.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _prune |= await coordinator.ReportAsync(number, report.Step, report.Value).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The coordinator is failing over, or the trial was taken back: the report travels with the result instead.
            }
        }
    }
}
