using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// The study's side of one worker process: starts it and waits for it to connect, runs trials on it one at a time (forwarding
/// reports and attributes to the trial's context as they come), asks it to cancel, kills it when it does not, and says why
/// it died when it dies. Once <see cref="IsUsable"/> is false the pool replaces it.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
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
