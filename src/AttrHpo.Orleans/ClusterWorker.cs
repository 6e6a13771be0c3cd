using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// A silo's trial workers: <see cref="AttrHpoSiloOptions.WorkerSlots"/> loops that each ask the listed studies' coordinators
/// for a trial of an objective this silo registers, run it through the generated shim, send its reports as they come and
/// its result at the end, and renew its lease meanwhile. When the silo stops, running trials are abandoned unreported:
/// their leases run out and the coordinator hands them to another silo.
/// </summary>
internal sealed partial class ClusterWorker(IGrainFactory grains, ILocalSiloDetails silo, AttrHpoSiloOptions options, ILoggerFactory loggerFactory, IServiceProvider services)
    : BackgroundService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DirectoryRefresh = TimeSpan.FromSeconds(1);
    private readonly ILogger _logger = loggerFactory.CreateLogger("AttrHpo.Orleans.Worker");
    private readonly ILogger _trialLogger = loggerFactory.CreateLogger("AttrHpo.Trial");
    private readonly DirectoryCheckpointStore? _checkpoints = options.CheckpointDirectory is { } folder ? new DirectoryCheckpointStore(folder) : null;
    private DirectoryAnswer? _studies; // the directory's last answer, read-only once published

    /// <summary>The worker name leases are held under: one per silo, so one heartbeat renews all its trials of a study.</summary>
    internal string Worker => $"orleans/{silo.SiloAddress.ToParsableString()}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.WorkerSlots).Select(slot => Task.Run(() => RunSlotAsync(slot, stoppingToken), CancellationToken.None)));

    /// <summary>
    /// One slot's loop. With <see cref="AttrHpoSiloOptions.AskAhead"/>, the slot asks the study's coordinator for its next
    /// trial shortly before the current one is expected to end (<see cref="SlotPace"/>); when that answer is there as the trial
    /// ends, the next trial starts at once and the result is sent meanwhile. Otherwise the result is sent first, so that the
    /// next trial's parameters are chosen knowing it.
    /// </summary>
    private async Task RunSlotAsync(int slot, CancellationToken stop)
    {
        var pace = new SlotPace();
        TrialWork? ready = null;
        var sending = Task.CompletedTask;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var work = ready ?? await AskTimedAsync(pace, () => NextTrialAsync(slot)).ConfigureAwait(false);
                ready = null;
                if (work is null)
                {
                    await Task.Delay(options.PollInterval, stop).ConfigureAwait(false);
                    continue;
                }

                var coordinator = grains.GetGrain<IStudyCoordinatorGrain>(work.Study);
                using var ahead = options.AskAhead && work.MayAskAhead && pace.AskAheadAfter is { } after
                    ? new AskAhead(() => AskTimedAsync(pace, () => coordinator.RequestTrialAsync(Worker)), after)
                    : null;
                var started = Stopwatch.GetTimestamp();
                var ended = await RunTrialAsync(coordinator, work, stop).ConfigureAwait(false);
                pace.TrialRan(Stopwatch.GetElapsedTime(started));
                if (ended is null)
                {
                    break; // the silo is stopping: the lease runs out and the trial runs again on another silo
                }

                await sending.ConfigureAwait(false); // at most one result in flight per slot, sent in order
                if (ahead?.EndWaiting() == true)
                {
                    sending = SendAsync(coordinator, ended, stop);
                    ready = await ahead.Answer.ConfigureAwait(false);
                }
                else
                {
                    await SendAsync(coordinator, ended, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
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
                    break;
                }
            }
        }

        await sending.ConfigureAwait(false);
    }

    private static async Task<TrialWork?> AskTimedAsync(SlotPace pace, Func<Task<TrialWork?>> ask)
    {
        var started = Stopwatch.GetTimestamp();
        var work = await ask().ConfigureAwait(false);
        pace.Asked(Stopwatch.GetElapsedTime(started));
        return work;
    }

    /// <summary>A trial from one of the listed studies whose objective this silo registers, each slot starting at another study.</summary>
    private async Task<TrialWork?> NextTrialAsync(int slot)
    {
        var runnable = (await StudiesAsync().ConfigureAwait(false))
            .Where(s => options.Objectives!.TryGet(s.Value, out var objective) && CanRun(objective)).Select(s => s.Key).Order(StringComparer.Ordinal).ToArray();
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

    /// <summary>Whether this silo can run trials of <paramref name="objective"/>: one that needs a device only with an executor that leases devices.</summary>
    private bool CanRun(IRegisteredObjective objective) => !objective.NeedsAccelerator || options.Executor?.LeasesDevices == true;

    /// <summary>
    /// The studies served, as the directory last said: asked again when that answer is older than
    /// <see cref="DirectoryRefresh"/> or named no study, so a busy slot does not ask the directory before every trial.
    /// </summary>
    private async Task<Dictionary<string, string>> StudiesAsync()
    {
        var known = Volatile.Read(ref _studies);
        if (known is { Studies.Count: > 0 } && Stopwatch.GetElapsedTime(known.ReadAt) < DirectoryRefresh)
        {
            return known.Studies;
        }

        try
        {
            var studies = await grains.GetGrain<IStudyDirectoryGrain>(0).GetActiveAsync().ConfigureAwait(false);
            Volatile.Write(ref _studies, new DirectoryAnswer(studies, Stopwatch.GetTimestamp()));
            return studies;
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException && known is not null)
        {
            // The directory's silo died and Orleans has not noticed yet: serve the studies known so far meanwhile.
            WorkerLog.AskFailed(_logger, exception.GetType().Name, exception.Message);
            return known.Studies;
        }
    }

    /// <summary>Runs a trial; its result and report pump, or <see langword="null"/> when the silo stopped during it.</summary>
    private async Task<EndedTrial?> RunTrialAsync(IStudyCoordinatorGrain coordinator, TrialWork work, CancellationToken stop)
    {
        if (!options.Objectives!.TryGet(work.ObjectiveId, out var objective))
        {
            return new EndedTrial(Result(work, TrialOutcome.Failed($"This silo does not register the objective '{work.ObjectiveId}'.", null), []), null);
        }

        var pump = new ReportPump(coordinator, work.Number);
        var context = new TrialContext(work.Study, work.Number, work.Seed, _trialLogger, pruner: null, work.Budget)
        {
            PromotedFrom = work.PromotedFrom,
            Sink = pump,
            Checkpoints = _checkpoints,
            Services = services, // an instance objective's instance: the silo's registration, else its factory
        };
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var heartbeat = HeartbeatAsync(coordinator, work.LeaseDuration, running.Token);
        var executor = options.Executor;
        var outcome = await TrialRunner.RunAsync(
            ct => executor is null
                ? objective.InvokeJsonAsync(work.ParametersJson, context, ct)
                : executor.InvokeAsync(new TrialInvocation(objective, work.ParametersJson, context), ct),
            timeout: null,
            retry: null,
            beforeRetry: null,
            running.Token).ConfigureAwait(false);
        await running.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        if (stop.IsCancellationRequested)
        {
            return null;
        }

        var result = Result(work, outcome, context.Reports) with { Attributes = new Dictionary<string, string>(context.Attributes, StringComparer.Ordinal) };
        return new EndedTrial(result, pump);
    }

    /// <summary>Sends a trial's last reports, then its result.</summary>
    private async Task SendAsync(IStudyCoordinatorGrain coordinator, EndedTrial ended, CancellationToken stop)
    {
        try
        {
            if (ended.Reports is { } pump)
            {
                await pump.CompleteAsync().ConfigureAwait(false);
            }

            await FinishAsync(coordinator, ended.Result, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The silo is stopping: the lease runs out and the trial runs again on another silo.
        }
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

    private sealed record DirectoryAnswer(Dictionary<string, string> Studies, long ReadAt);

    /// <summary>A trial that ran to its end here: the result to send, after the reports still on their way (none for a trial that could not start).</summary>
    private sealed record EndedTrial(TrialResult Result, ReportPump? Reports);

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
