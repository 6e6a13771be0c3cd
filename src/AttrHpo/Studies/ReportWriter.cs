using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// Writes a running trial's reports to storage as they are made, in order, off the reporting thread (a report is a quick,
/// synchronous call in the objective's loop): each write takes every report made since the last, then reads the study's
/// changes into the study's view, so the study's early-stopping rule also hears what other processes' trials
/// reported meanwhile. A write that storage refuses (the trial ended or was started again elsewhere) stops the writing;
/// the trial's end carries every report anyway.
/// </summary>
internal sealed class ReportWriter
{
    private readonly Channel<IntermediateValue> _reports = Channel.CreateUnbounded<IntermediateValue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    public ReportWriter(IStudyStorage storage, string study, TrialRecord trial, StudyView view, ILogger logger) =>
        _writing = WriteAsync(storage, study, trial, view, logger);

    /// <summary>Queues a report for writing; never blocks.</summary>
    public void Add(IntermediateValue report) => _reports.Writer.TryWrite(report);

    /// <summary>Writes what is queued and stops: call before the trial's end is recorded.</summary>
    public async Task CompleteAsync()
    {
        _reports.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
    }

    private async Task WriteAsync(IStudyStorage storage, string study, TrialRecord trial, StudyView view, ILogger logger)
    {
        var reader = _reports.Reader;
        var batch = new List<IntermediateValue>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (reader.TryRead(out var report))
            {
                batch.Add(report);
            }

            try
            {
                view.Apply(await storage.AddReportsAsync(study, trial.Number, trial.Starts, batch, CancellationToken.None).ConfigureAwait(false));
                view.Apply(await storage.GetChangesAsync(study, view.Version, CancellationToken.None).ConfigureAwait(false));
            }
            catch (StudyStorageException exception)
            {
                StudyLog.ReportsNotWritten(logger, trial.Number, exception.Message);
                while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    while (reader.TryRead(out _))
                    {
                    }
                }

                return;
            }
        }
    }
}
