using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// A silo's trial workers: <see cref="AttrHpoSiloOptions.WorkerSlots"/> loops that each ask the listed studies' coordinators
/// for a trial of an objective this silo registers, run it through the generated shim, send its reports as they come and
/// its result at the end, and renew its lease meanwhile. When the silo stops, running trials are abandoned unreported:
/// their leases run out and the coordinator hands them to another silo.
/// </summary>
internal sealed partial class ClusterWorker(IGrainFactory grains, ILocalSiloDetails silo, AttrHpoSiloOptions options, ILoggerFactory loggerFactory)
    : BackgroundService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);
    private readonly ILogger _logger = loggerFactory.CreateLogger("AttrHpo.Orleans.Worker");
    private readonly ILogger _trialLogger = loggerFactory.CreateLogger("AttrHpo.Trial");
    private Dictionary<string, string>? _studies; // the directory's last answer, read-only once published

    /// <summary>The worker name leases are held under: one per silo, so one heartbeat renews all its trials of a study.</summary>
    internal string Worker => $"orleans/{silo.SiloAddress.ToParsableString()}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.WorkerSlots).Select(slot => Task.Run(() => RunSlotAsync(slot, stoppingToken), CancellationToken.None)));

    private async Task RunSlotAsync(int slot, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await NextTrialAsync(slot).ConfigureAwait(false) is { } work)
                {
                    await RunTrialAsync(work, stop).ConfigureAwait(false);
                    continue;
                }

                await Task.Delay(options.PollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The silo is not up yet, a coordinator is failing over, or storage is unreachable: ask again shortly.
                WorkerLog.AskFailed(_logger, exception.GetType().Name, exception.Message);
                try
                {
                    await Task.Delay(RetryPause, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A trial from one of the listed studies whose objective this silo registers, each slot starting at another study.</summary>
    private async Task<TrialWork?> NextTrialAsync(int slot)
    {
        Dictionary<string, string> studies;
        try
        {
            studies = await grains.GetGrain<IStudyDirectoryGrain>(0).GetActiveAsync().ConfigureAwait(false);
            Volatile.Write(ref _studies, studies);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException && Volatile.Read(ref _studies) is { } known)
        {
            // The directory's silo died and Orleans has not noticed yet: serve the studies known so far meanwhile.
            WorkerLog.AskFailed(_logger, exception.GetType().Name, exception.Message);
            studies = known;
        }

        var runnable = studies.Where(s => options.Objectives!.TryGet(s.Value, out _)).Select(s => s.Key).Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < runnable.Length; i++)
        {
            var study = runnable[(slot + i) % runnable.Length];
            if (await grains.GetGrain<IStudyCoordinatorGrain>(study).RequestTrialAsync(Worker).ConfigureAwait(false) is { } work)
            {
                return work;
            }
        }

        return null;
    }

    private async Task RunTrialAsync(TrialWork work, CancellationToken stop)
    {
        var coordinator = grains.GetGrain<IStudyCoordinatorGrain>(work.Study);
        if (!options.Objectives!.TryGet(work.ObjectiveId, out var objective))
        {
            await FinishAsync(coordinator, Result(work, TrialOutcome.Failed($"This silo does not register the objective '{work.ObjectiveId}'.", null), []), stop).ConfigureAwait(false);
            return;
        }

        var pump = new ReportPump(coordinator, work.Number);
        var context = new TrialContext(work.Study, work.Number, work.Seed, _trialLogger, pruner: null, work.Budget)
        {
            PromotedFrom = work.PromotedFrom,
            Sink = pump,
        };
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var heartbeat = HeartbeatAsync(coordinator, work.LeaseDuration, running.Token);
        var outcome = await TrialRunner.RunAsync(
            ct => objective.InvokeJsonAsync(work.ParametersJson, context, ct), timeout: null, retry: null, beforeRetry: null, running.Token).ConfigureAwait(false);
        await pump.CompleteAsync().ConfigureAwait(false);
        await running.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        if (stop.IsCancellationRequested)
        {
            return; // the silo is stopping: the lease runs out and the trial runs again on another silo
        }

        var result = Result(work, outcome, context.Reports) with { Attributes = new Dictionary<string, string>(context.Attributes, StringComparer.Ordinal) };
        await FinishAsync(coordinator, result, stop).ConfigureAwait(false);
    }

    private static TrialResult Result(TrialWork work, TrialOutcome outcome, IReadOnlyList<IntermediateValue> reports) => new()
    {
        Number = work.Number,
        Attempt = work.Attempt,
        State = (int)outcome.State,
        Value = outcome.Value,
        Error = outcome.Error,
        Steps = [.. reports.Select(r => r.Step)],
        Values = [.. reports.Select(r => r.Value)],
    };

    /// <summary>Sends the result, again while the coordinator fails over, until the trial's lease would have run out anyway.</summary>
    private async Task FinishAsync(IStudyCoordinatorGrain coordinator, TrialResult result, CancellationToken stop)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!await coordinator.FinishAsync(result).ConfigureAwait(false))
                {
                    WorkerLog.ResultRefused(_logger, result.Number);
                }

                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && attempt < 20)
            {
                WorkerLog.ResultRetried(_logger, result.Number, exception.GetType().Name, exception.Message);
                await Task.Delay(pause, stop).ConfigureAwait(false);
                pause = pause * 2 < RetryPause * 4 ? pause * 2 : RetryPause * 4;
            }
        }
    }

    private async Task HeartbeatAsync(IStudyCoordinatorGrain coordinator, TimeSpan lease, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await coordinator.HeartbeatAsync(Worker).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    WorkerLog.HeartbeatFailed(_logger, exception.GetType().Name, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The trial ended.
        }
    }

    private static partial class WorkerLog
    {
        [LoggerMessage(1, LogLevel.Debug, "Asking for a trial failed ({Type}: {Message}); asking again shortly.")]
        public static partial void AskFailed(ILogger logger, string type, string message);

        [LoggerMessage(2, LogLevel.Warning, "Trial {Number}'s result was refused: its lease ran out and it runs again elsewhere, or it was recorded already.")]
        public static partial void ResultRefused(ILogger logger, int number);

        [LoggerMessage(3, LogLevel.Information, "Sending trial {Number}'s result failed ({Type}: {Message}); sending it again.")]
        public static partial void ResultRetried(ILogger logger, int number, string type, string message);

        [LoggerMessage(4, LogLevel.Debug, "A heartbeat failed ({Type}: {Message}).")]
        public static partial void HeartbeatFailed(ILogger logger, string type, string message);
    }
}
