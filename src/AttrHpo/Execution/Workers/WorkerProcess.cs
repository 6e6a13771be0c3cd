using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// The study's side of one worker process: starts it and waits for it to connect, runs trials on it one at a time (forwarding
/// reports and attributes to the trial's context as they come), asks it to cancel, kills it when it does not, and says why
/// it died when it dies. Once <see cref="IsUsable"/> is false the pool replaces it.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>How long a worker whose connection broke is given to exit by itself before it is killed.</summary>
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly WorkerConnection _connection;
    private readonly StandardErrorTail _errors;
    private bool _broken;

    private WorkerProcess(Process process, WorkerConnection connection, StandardErrorTail errors)
    {
        _process = process;
        _connection = connection;
        _errors = errors;
    }

    public int ProcessId => _process.Id;

    /// <summary>Whether it can run another trial: alive, and its last trial ended by the protocol.</summary>
    public bool IsUsable => !_broken && !_process.HasExited;

    /// <summary>Starts the worker of a slot and waits until it has connected and proved it is the process started.</summary>
    public static async Task<WorkerProcess> StartAsync(ProcessExecutorOptions options, int slot, CancellationToken cancellationToken)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"attrhpo-{Guid.NewGuid():N}.sock");
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var errors = new StandardErrorTail();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        var process = new Process { StartInfo = options.StartInfo(slot, socketPath, token) };
        process.ErrorDataReceived += (_, e) => errors.Add(e.Data);
        try
        {
            process.Start();
            process.BeginErrorReadLine();
            var connection = await ConnectAsync(process, listener, token, errors, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return new WorkerProcess(process, connection, errors);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    /// <summary>Runs a trial and returns its value, or throws as the objective did, or a <see cref="WorkerProcessException"/>.</summary>
    public async Task<double> RunAsync(TrialInvocation invocation, TimeSpan cancelGrace, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync(RunMessage(invocation), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            _broken = true;
            await ExitedAsync().ConfigureAwait(false);
            throw Died(_process, _errors, "before the trial could be sent");
        }

        var ending = ReadEndingAsync(invocation.Context, cancellationToken);
        try
        {
            return await ending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !ending.IsCompleted)
        {
            // A timeout or the study stopping: ask the objective to stop, and kill the worker if it does not in time.
            await TrySendAsync(WorkerProtocol.Message("cancel")).ConfigureAwait(false);
            try
            {
                return await ending.WaitAsync(cancelGrace, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _broken = true;
                Kill(_process);
                await ObserveAsync(ending).ConfigureAwait(false);
                throw new OperationCanceledException(
                    $"The trial did not stop within {cancelGrace} of being cancelled, so its worker process {ProcessId} was killed (ProcessExecutorOptions.CancelGrace).",
                    cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the connection tells the worker to exit; one that does not is killed.
        await _connection.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill(_process);
        }

        _process.Dispose();
    }

    private static async Task<WorkerConnection> ConnectAsync(
        Process process, Socket listener, string token, StandardErrorTail errors, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(timeout);
        var accepting = listener.AcceptAsync(startup.Token).AsTask();
        var exiting = process.WaitForExitAsync(startup.Token);
        Socket socket;
        try
        {
            if (await Task.WhenAny(accepting, exiting).ConfigureAwait(false) == exiting && !accepting.IsCompleted)
            {
                await exiting.ConfigureAwait(false); // throws when the startup was cancelled
                throw Died(process, errors, "before it connected; does its Main begin with `if (await WorkerHost.TryRunAsync(args)) return 0;`?");
            }

            socket = await accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WorkerProcessException(
                $"The worker process {process.Id} did not connect within {timeout} (ProcessExecutorOptions.StartTimeout). " +
                $"Its Main must begin with `if (await WorkerHost.TryRunAsync(args)) return 0;`. {ErrorLines(errors)}");
        }

        var connection = new WorkerConnection(new NetworkStream(socket, ownsSocket: true));
        using var hello = await connection.ReceiveAsync(startup.Token).ConfigureAwait(false);
        if (hello is null || WorkerProtocol.TypeOf(hello.RootElement) != "hello" || !hello.RootElement.TryGetProperty("token", out var proof)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(proof.GetString() ?? string.Empty), Encoding.UTF8.GetBytes(token)))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new WorkerProcessException($"The process that connected as worker {process.Id} did not prove it was started by this executor (wrong or missing token); it was refused.");
        }

        return connection;
    }

    private static byte[] RunMessage(TrialInvocation invocation)
    {
        var context = invocation.Context;
        return WorkerProtocol.Message("run", w =>
        {
            w.WriteString("objective", invocation.Objective.Id);
            w.WritePropertyName("parameters");
            w.WriteRawValue(invocation.ParametersJson);
            w.WriteString("study", context.StudyName);
            w.WriteNumber("number", context.Number);
            w.WriteNumber("seed", context.Seed);
            if (context.Budget is { } budget)
            {
                w.WriteNumber("budget", budget);
            }

            if (context.PromotedFrom is { } from)
            {
                w.WriteNumber("promotedFrom", from);
            }

            w.WriteBoolean("pruning", context.HasPruner);
        });
    }

    /// <summary>
    /// Reads the worker's messages for the current trial until its ending, applying reports, attributes and log messages to
    /// the context and answering checkpoint requests. A fault other than the trial's own ending leaves the conversation out of
    /// step, so the worker is not used again.
    /// </summary>
    private async Task<double> ReadEndingAsync(TrialContext context, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var message = await ReceiveAsync().ConfigureAwait(false);
                if (await ApplyAsync(message.RootElement, context).ConfigureAwait(false) is { } ending)
                {
                    return Ending(ending, context, cancellationToken);
                }
            }
        }
        catch (Exception exception) when (exception is not (EndingException or WorkerProcessException))
        {
            _broken = true;
            throw;
        }
        catch (EndingException ending)
        {
            throw ending.InnerException!;
        }
    }

    /// <summary>Applies a message that is not an ending and returns null, or returns the ending (a copy: the message is disposed).</summary>
    private async Task<JsonElement?> ApplyAsync(JsonElement m, TrialContext context)
    {
        switch (WorkerProtocol.TypeOf(m))
        {
            case "report":
                context.Report(m.GetProperty("step").GetInt64(), WorkerProtocol.GetDouble(m, "value"));
                if (m.GetProperty("wait").GetBoolean())
                {
                    var prune = context.ShouldPrune;
                    await TrySendAsync(WorkerProtocol.Message("verdict", w => w.WriteBoolean("prune", prune))).ConfigureAwait(false);
                }

                return null;
            case "attribute":
                context.SetAttribute(m.GetProperty("key").GetString()!, m.GetProperty("value").GetString()!);
                return null;
            case "log":
                var level = (LogLevel)m.GetProperty("level").GetInt32();
                if (context.Logger.IsEnabled(level))
                {
                    var text = m.TryGetProperty("exception", out var exception)
                        ? $"{m.GetProperty("message").GetString()}{Environment.NewLine}{exception.GetString()}"
                        : m.GetProperty("message").GetString() ?? string.Empty;
                    context.Logger.Log(level, new EventId(m.GetProperty("event").GetInt32()), text, null, (t, _) => t);
                }

                return null;
            case "save":
                await AnswerAsync(async () =>
                {
                    await context.SaveCheckpointAsync(m.GetProperty("state").GetBytesFromBase64(), CancellationToken.None).ConfigureAwait(false);
                    return _ => { };
                }).ConfigureAwait(false);
                return null;
            case "load":
                await AnswerAsync(async () =>
                {
                    var checkpoint = await context.LoadCheckpointAsync(CancellationToken.None).ConfigureAwait(false);
                    return w =>
                    {
                        if (checkpoint is not null)
                        {
                            w.WriteBase64String("state", checkpoint.State.Span);
                            if (checkpoint.Budget is { } budget)
                            {
                                w.WriteNumber("budget", budget);
                            }
                        }
                    };
                }).ConfigureAwait(false);
                return null;
            default:
                return m.Clone();
        }
    }

    /// <summary>The trial's value, or (wrapped in an <see cref="EndingException"/>) the exception it ended with.</summary>
    private double Ending(JsonElement m, TrialContext context, CancellationToken cancellationToken)
    {
        var type = WorkerProtocol.TypeOf(m);
        if (type == "result")
        {
            return WorkerProtocol.GetDouble(m, "value");
        }

        Exception ending = type switch
        {
            "pruned" => new TrialPrunedException(context.Number, context.Reports is [.., var last] ? last : null),
            "cancelled" when m.GetProperty("requested").GetBoolean() => new OperationCanceledException(m.GetProperty("message").GetString(), cancellationToken),
            "cancelled" => new OperationCanceledException(m.GetProperty("message").GetString()),
            "failed" => new WorkerObjectiveException($"{m.GetProperty("exception").GetString()}: {m.GetProperty("message").GetString()} (in worker process {ProcessId})")
            {
                ExceptionType = m.GetProperty("exception").GetString() ?? string.Empty,
                Detail = m.GetProperty("detail").GetString() ?? string.Empty,
                ProcessId = ProcessId,
            },
            "refused" => new KeyNotFoundException(m.GetProperty("message").GetString()),
            _ => throw new InvalidDataException($"Worker process {ProcessId} sent an unknown message: {WorkerProtocol.Shorten(m.GetRawText())}."),
        };
        throw new EndingException(ending);
    }

    /// <summary>Answers a checkpoint request: what <paramref name="answer"/> writes, or the error it threw.</summary>
    private async Task AnswerAsync(Func<Task<Action<Utf8JsonWriter>>> answer)
    {
        byte[] message;
        try
        {
            var body = await answer().ConfigureAwait(false);
            message = WorkerProtocol.Message("answer", body);
        }
        catch (Exception exception) when (exception is InvalidOperationException or StudyStorageException or IOException)
        {
            message = WorkerProtocol.Message("answer", w => w.WriteString("error", $"{exception.GetType().FullName}: {exception.Message}"));
        }

        await TrySendAsync(message).ConfigureAwait(false);
    }

    /// <summary>The worker's next message; when there is none, it has died: waits for it to exit and throws why.</summary>
    private async Task<JsonDocument> ReceiveAsync()
    {
        JsonDocument? message;
        try
        {
            message = await _connection.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidDataException or ObjectDisposedException)
        {
            _broken = true;
            throw;
        }

        if (message is not null)
        {
            return message;
        }

        _broken = true;
        if (!await ExitedAsync().ConfigureAwait(false))
        {
            throw new WorkerProcessException($"Worker process {ProcessId} closed its connection during the trial but did not exit; it was killed. {ErrorLines(_errors)}")
            {
                StandardError = _errors.ToString(),
            };
        }

        throw Died(_process, _errors, "during the trial");
    }

    /// <summary>Waits for a worker whose connection broke to exit (and its standard error to be read); kills it if it does not in time.</summary>
    /// <returns>Whether it exited by itself.</returns>
    private async Task<bool> ExitedAsync()
    {
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitWait).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            Kill(_process);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return false;
        }
    }

    private async Task TrySendAsync(byte[] message)
    {
        try
        {
            await _connection.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // It is dying; the reader reports why.
        }
    }

    /// <summary>Why a process that has exited (awaited with WaitForExitAsync, which also reads its standard error to the end) died.</summary>
    private static WorkerProcessException Died(Process process, StandardErrorTail errors, string when) =>
        new WorkerProcessException($"Worker process {process.Id} exited {when}: {ExitReason.Describe(process.ExitCode)}. {ErrorLines(errors)}")
        {
            ExitCode = process.ExitCode,
            StandardError = errors.ToString(),
        };

    private static string ErrorLines(StandardErrorTail errors) =>
        errors.ToString() is { Length: > 0 } lines ? $"The last lines of its standard error:{Environment.NewLine}{lines}" : "It wrote nothing to its standard error.";

    private static async Task ObserveAsync(Task ending)
    {
        try
        {
            await ending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The killed worker's reader ends with the process; its error is replaced by the cancellation.
        }
    }

    /// <summary>Carries the exception a trial ended with past the reader's own fault handling.</summary>
    private sealed class EndingException(Exception ending) : Exception(ending.Message, ending);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
