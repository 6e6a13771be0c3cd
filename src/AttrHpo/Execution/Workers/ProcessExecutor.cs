using System.Collections.Concurrent;

namespace AttrHpo;

/// <summary>
/// Runs trials in a pool of long-lived worker processes, one trial at a time in each, reused across trials: isolation for
/// objectives that may crash their process. A trial that kills its worker (<see cref="Environment.FailFast(string)"/>, a
/// stack overflow, running out of memory, a native crash, a kill from outside) fails alone with the exit reason and the last
/// lines of the worker's standard error (<see cref="WorkerProcessException"/>); the pool starts a new worker for that slot and
/// the study goes on. A cancelled trial (its timeout, or the study stopping) is asked to stop and its worker killed and
/// replaced after <see cref="ProcessExecutorOptions.CancelGrace"/>.
/// </summary>
/// <remarks>
/// <para>
/// The workers are the study's own program started again in worker mode: its <c>Main</c> begins with
/// <c>if (await WorkerHost.TryRunAsync(args)) return 0;</c>, and a worker runs only the objectives the generator registered in
/// it, by id. Parameters travel as the generated JSON and results, reports, attributes and the objective's exception (type and
/// message) come back over a Unix domain socket; the worker's standard output stays the user's (it is this process's).
/// </para>
/// <para>Workers start on first use (or with <see cref="StartAsync"/>). Dispose the executor after the studies that use it.</para>
/// </remarks>
public sealed class ProcessExecutor : ITrialExecutor
{
    private readonly ProcessExecutorOptions _options;
    private readonly SemaphoreSlim _free;
    private readonly ConcurrentQueue<WorkerSlot> _idle;
    private readonly WorkerSlot[] _all;
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>Creates an executor; no process starts until the first trial or <see cref="StartAsync"/>.</summary>
    /// <param name="options">How to start the workers; the defaults start this program again, one worker per processor.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">This process is itself a worker.</exception>
    public ProcessExecutor(ProcessExecutorOptions? options = null)
    {
        _options = options ?? new ProcessExecutorOptions();
        _options.Validate();
        if (Environment.GetEnvironmentVariable(WorkerProtocol.TokenVariable) is not null)
        {
            throw new InvalidOperationException(
                "This process is a worker of a ProcessExecutor, so it must not start workers of its own: its Main must begin with " +
                "`if (await WorkerHost.TryRunAsync(args)) return 0;`, before it creates studies or executors.");
        }

        Slots = _options.Slots ?? Environment.ProcessorCount;
        _all = [.. Enumerable.Range(0, Slots).Select(i => new WorkerSlot(i))];
        _idle = new ConcurrentQueue<WorkerSlot>(_all);
        _free = new SemaphoreSlim(Slots, Slots);
    }

    /// <inheritdoc />
    public int Slots { get; }

    /// <summary>Starts every worker now (otherwise each starts with its first trial) and waits until all have connected.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="WorkerProcessException">A worker did not start; the message says why.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        for (var i = 0; i < Slots; i++)
        {
            await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            foreach (var slot in _all)
            {
                slot.Worker ??= StartWorker(slot.Index);
            }

            await Task.WhenAll(_all.Select(s => s.Worker!)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            foreach (var slot in _all.Where(s => s.Worker is { IsFaulted: true }))
            {
                slot.Worker = null;
            }

            throw;
        }
        finally
        {
            _free.Release(Slots);
        }
    }

    /// <inheritdoc />
    public async ValueTask<double> InvokeAsync(TrialInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_idle.TryDequeue(out var slot))
        {
            _free.Release();
            throw new InvalidOperationException("The process executor lost track of a free slot; this is a bug in AttrHpo.");
        }

        try
        {
            var worker = await WorkerOfAsync(slot, cancellationToken).ConfigureAwait(false);
            if (!worker.IsUsable)
            {
                // It died while idle (killed from outside): replace it before the trial rather than fail the trial.
                await worker.DisposeAsync().ConfigureAwait(false);
                slot.Worker = null;
                worker = await WorkerOfAsync(slot, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await worker.RunAsync(invocation, _options.CancelGrace, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!worker.IsUsable)
                {
                    // Replaced at once, in the background, so that the next trial in this slot does not wait for it.
                    await worker.DisposeAsync().ConfigureAwait(false);
                    slot.Worker = _lifetime.IsCancellationRequested ? null : StartWorker(slot.Index);
                }
            }
        }
        finally
        {
            _idle.Enqueue(slot);
            _free.Release();
        }
    }

    /// <summary>Stops every worker: each is told to exit and killed if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_all.Select(StopAsync)).ConfigureAwait(false);
        _lifetime.Dispose();
        _free.Dispose();
    }

    private static async Task StopAsync(WorkerSlot slot)
    {
        if (slot.Worker is not { } starting)
        {
            return;
        }

        try
        {
            await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WorkerProcessException or OperationCanceledException)
        {
            // It never started; there is nothing to stop.
        }
    }

    /// <summary>The slot's worker, started if it has none; a failed start is forgotten, so that the next trial tries again.</summary>
    private async Task<WorkerProcess> WorkerOfAsync(WorkerSlot slot, CancellationToken cancellationToken)
    {
        var starting = slot.Worker ??= StartWorker(slot.Index);
        try
        {
            return await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (starting.IsFaulted)
        {
            slot.Worker = null;
            throw;
        }
    }

    private Task<WorkerProcess> StartWorker(int slot) => WorkerProcess.StartAsync(_options, slot, _lifetime.Token);

    /// <summary>A place in the pool: its index (for its environment) and its worker, started or starting. Owned by whoever dequeued it.</summary>
    private sealed class WorkerSlot(int index)
    {
        public int Index { get; } = index;

        public Task<WorkerProcess>? Worker { get; set; }
    }
}
