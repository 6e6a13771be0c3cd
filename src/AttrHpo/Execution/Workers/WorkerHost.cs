using System.Net.Sockets;
using System.Reflection;

namespace AttrHpo;

/// <summary>
/// Worker mode: the program of a study, started again by a <see cref="ProcessExecutor"/> to run trials. The program's
/// <c>Main</c> begins with <c>if (await WorkerHost.TryRunAsync(args)) return 0;</c>, so that the same program is both the study
/// and its workers: the same objectives (found through the generated registration), the same dependencies and configuration,
/// and nothing loaded by a name taken from a message.
/// </summary>
public static class WorkerHost
{
    /// <summary>
    /// When this process was started as a worker, runs trials of the entry assembly's objectives until the study closes the
    /// connection, and returns <see langword="true"/> (then return from <c>Main</c>); otherwise returns <see langword="false"/> at
    /// once and the program goes on as usual.
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <exception cref="ArgumentException">The worker argument is there without a socket path.</exception>
    /// <exception cref="InvalidOperationException">The process was started as a worker without its token, or has no entry assembly.</exception>
    public static Task<bool> TryRunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TryRunAsync(args, objectives: null, cancellationToken);

    /// <summary>
    /// As <see cref="TryRunAsync(string[], CancellationToken)"/>, running only the given objectives (by default, every objective
    /// the generator registered in the entry assembly).
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="objectives">The objectives this worker may run; those of the entry assembly when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>Whether this process was a worker (and is done).</returns>
    public static Task<bool> TryRunAsync(string[] args, ObjectiveRegistry? objectives, CancellationToken cancellationToken = default) =>
        TryRunAsync(args, new WorkerHostOptions { Objectives = objectives }, cancellationToken);

    /// <summary>
    /// As <see cref="TryRunAsync(string[], CancellationToken)"/>, with the objectives this worker may run and the executor of its
    /// GPU trials given.
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="options">What the worker runs, and on what.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>Whether this process was a worker (and is done).</returns>
    public static async Task<bool> TryRunAsync(string[] args, WorkerHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var objectives = options.Objectives;
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, WorkerProtocol.WorkerArgument);
        if (index < 0)
        {
            return false;
        }

        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{WorkerProtocol.WorkerArgument} must be followed by the path of the study's socket; workers are started by ProcessExecutor, not by hand.", nameof(args));
        }

        var token = Environment.GetEnvironmentVariable(WorkerProtocol.TokenVariable)
            ?? throw new InvalidOperationException($"This process was started as a worker without {WorkerProtocol.TokenVariable}; workers are started by ProcessExecutor, not by hand.");
        var registry = objectives ?? ObjectiveRegistry.FromAssembly(
            Assembly.GetEntryAssembly() ?? throw new InvalidOperationException("This worker has no entry assembly to find objectives in; pass an ObjectiveRegistry to WorkerHost.TryRunAsync."));

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(args[index + 1]), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        await using var connection = new WorkerConnection(new NetworkStream(socket, ownsSocket: true));
        await using var loop = new WorkerLoop(connection, registry, options.DeviceExecutor, options.Services);
        await loop.RunAsync(token, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
