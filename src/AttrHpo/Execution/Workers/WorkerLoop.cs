using Microsoft.Extensions.Logging;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// A worker process's side of the connection: says hello, then runs one trial at a time as the study asks, while it keeps
/// reading (a cancellation, a verdict) so that a trial can be stopped. Returns when the study closes the connection.
/// </summary>
/// <remarks>
/// An objective that needs a GPU runs through the worker's <see cref="WorkerHostOptions.DeviceExecutor"/> (the AttrHpo.Gpu
/// package's <c>GpuExecutor</c> over the devices this process can see: the one <c>CUDA_VISIBLE_DEVICES</c> names when
/// <see cref="ProcessExecutorOptions"/> pins it), and the device is recorded with the trial as it is in process.
/// </remarks>
internal sealed class WorkerLoop(WorkerConnection connection, ObjectiveRegistry objectives, Func<ILogger, ITrialExecutor>? deviceExecutor, IServiceProvider? services) : IAsyncDisposable
{
    /// <summary>How long a running trial is given to stop once the study has gone.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private Task _running = Task.CompletedTask;
    private CancellationTokenSource? _trialStop;
    private WorkerTrialSink? _sink;
    private ITrialExecutor? _devices;

    public async Task RunAsync(string token, CancellationToken cancellationToken)
    {
        await connection.SendAsync(
            WorkerProtocol.Message("hello", w =>
            {
                w.WriteString("token", token);
                w.WriteNumber("pid", Environment.ProcessId);
            }),
            cancellationToken).ConfigureAwait(false);
        try
        {
            while (await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                using (message)
                {
                    await HandleAsync(message.RootElement, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (_trialStop is { } stop)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            await Task.WhenAny(_running, Task.Delay(StopGrace, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _trialStop?.Dispose();
        _sink?.Dispose();
        if (_devices is not null)
        {
            await _devices.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(JsonElement message, CancellationToken cancellationToken)
    {
        switch (WorkerProtocol.TypeOf(message))
        {
            case "run":
                await _running.ConfigureAwait(false); // the study sends a trial only after the previous one ended
                _trialStop?.Dispose();
                _sink?.Dispose();
                _trialStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _sink = new WorkerTrialSink(connection, message.GetProperty("pruning").GetBoolean(), _trialStop.Token);
                var run = message.Clone();
                var (stop, sink) = (_trialStop.Token, _sink);
                _running = Task.Run(() => RunTrialAsync(run, sink, stop), CancellationToken.None);
                break;
            case "cancel":
                if (_trialStop is { } trialStop)
                {
                    await trialStop.CancelAsync().ConfigureAwait(false);
                }

                break;
            case "verdict":
                _sink?.Verdict(message.GetProperty("prune").GetBoolean());
                break;
            case "answer":
                _sink?.Answer(message);
                break;
            default:
                throw new InvalidDataException($"A worker does not understand the message {WorkerProtocol.Shorten(message.GetRawText())}.");
        }
    }

    private async Task RunTrialAsync(JsonElement run, WorkerTrialSink sink, CancellationToken stop)
    {
        byte[] ending;
        try
        {
            ending = await RunObjectiveAsync(run, sink, stop).ConfigureAwait(false);
        }
        catch (TrialPrunedException)
        {
            ending = WorkerProtocol.Message("pruned");
        }
        catch (OperationCanceledException exception)
        {
            ending = WorkerProtocol.Message("cancelled", w =>
            {
                w.WriteBoolean("requested", stop.IsCancellationRequested);
                w.WriteString("message", exception.Message);
            });
        }
        catch (Exception exception)
        {
            ending = Failed(exception);
        }

        try
        {
            await connection.SendAsync(ending, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The study has gone; the reader sees it too and the worker exits.
        }
    }

    private async Task<byte[]> RunObjectiveAsync(JsonElement run, WorkerTrialSink sink, CancellationToken stop)
    {
        var id = run.GetProperty("objective").GetString()!;
        if (!objectives.TryGet(id, out var objective))
        {
            var known = objectives.Objectives.Count == 0 ? "none" : string.Join(", ", objectives.Objectives.Select(o => o.Id));
            return WorkerProtocol.Message("refused", w => w.WriteString(
                "message",
                $"The worker program does not register an objective with the id '{id}' (registered: {known}); only registered objectives run in a worker. Start the workers from the program that defines it (ProcessExecutorOptions.Program)."));
        }

        var context = new TrialContext(
            run.GetProperty("study").GetString()!,
            run.GetProperty("number").GetInt32(),
            run.GetProperty("seed").GetInt32(),
            sink,
            pruner: null,
            WorkerProtocol.GetOptionalInt64(run, "budget"))
        {
            PromotedFrom = (int?)WorkerProtocol.GetOptionalInt64(run, "promotedFrom"),
            Sink = sink,
            Checkpoints = sink,
            Services = services,
        };
        var parameters = run.GetProperty("parameters").GetRawText();
        var value = objective.NeedsAccelerator
            ? await (_devices ??= CreateDeviceExecutor(objective, sink)).InvokeAsync(new TrialInvocation(objective, parameters, context), stop).ConfigureAwait(false)
            : await objective.InvokeJsonAsync(parameters, context, stop).ConfigureAwait(false);
        return WorkerProtocol.Message("result", w => WorkerProtocol.WriteDouble(w, "value", value));
    }

    private ITrialExecutor CreateDeviceExecutor(IRegisteredObjective objective, ILogger logger) =>
        deviceExecutor?.Invoke(logger) ?? throw new InvalidOperationException(
            $"The objective '{objective.Id}' needs a GPU, but this worker has no device executor. Start workers with " +
            "'if (await WorkerHost.TryRunWithGpuAsync(args)) return 0;' (package AttrHpo.Gpu), or pass WorkerHostOptions.DeviceExecutor to WorkerHost.TryRunAsync.");

    private static byte[] Failed(Exception exception) =>
        WorkerProtocol.Message("failed", w =>
        {
            w.WriteString("exception", exception.GetType().FullName);
            w.WriteString("message", exception.Message);
            w.WriteString("detail", exception.ToString());
        });
}
