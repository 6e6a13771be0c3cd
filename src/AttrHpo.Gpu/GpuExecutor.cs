using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo;

/// <summary>
/// Runs trials in this process on two kinds of slot: a device slot for an objective that needs an accelerator
/// (<see cref="IRegisteredObjective.NeedsAccelerator"/>) and a CPU slot for any other, so that one study, or several sharing
/// this executor, keeps GPUs and cores busy together. Devices are the GPUs ILGPU finds (CUDA, then OpenCL); without one,
/// ILGPU's CPU accelerator stands in (with a logged warning) or the executor refuses to start (<see cref="GpuExecutorOptions.WhenNoGpu"/>).
/// </summary>
/// <remarks>
/// A lease gives the trial its device (a <see cref="GpuDevice"/>, passed to an objective that takes one, for any GPU library),
/// the slot's accelerator of it (<c>TrialContext.Accelerator</c>, passed to an objective that takes an
/// <c>ILGPU.Runtime.Accelerator</c>; made on the slot's first need and reused lease after lease, see
/// <see cref="GpuExecutorOptions.ReuseAccelerators"/>) and an allocation scope (<c>TrialContext.Allocations</c>), and records
/// the device in the trial's <c>device</c> attribute. By default a device runs one trial at a time
/// (<see cref="GpuExecutorOptions.TrialsPerDevice"/>). The lease ends when the objective's run ends, however it ends:
/// returned, thrown, timed out or cancelled. A trial that ignores its cancellation keeps its device until it returns, since
/// the device is still busy. At the end the buffers the trial allocated through its scope and left are disposed; an
/// accelerator whose trial failed is disposed too (a CUDA error can leave its context unusable) and the next lease makes another.
/// </remarks>
public sealed class GpuExecutor : ITrialExecutor
{
    /// <summary>The trial attribute that names the device a trial ran on.</summary>
    public const string DeviceAttribute = "device";

    private readonly Context _context;
    private readonly IReadOnlyList<DeviceSlot> _devices;
    private readonly SemaphoreSlim _deviceSlots;
    private readonly SemaphoreSlim? _cpuSlots;
    private readonly Lock _gate = new();

    /// <summary>Finds the devices and sets up the slots.</summary>
    /// <param name="options">Slots, device selection, memory budget and what to do without a GPU; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where the fallback warning goes; nowhere when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    /// <exception cref="InvalidOperationException">No usable GPU and <see cref="NoGpuBehavior.Refuse"/>, or no device can hold a trial within the memory budget.</exception>
    [RequiresDynamicCode(IlgpuRuntimeCode.Reason)]
    [RequiresUnreferencedCode(IlgpuRuntimeCode.Reason)]
    public GpuExecutor(GpuExecutorOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? new GpuExecutorOptions();
        Validate(Options);
        CpuSlots = Options.CpuSlots ?? Environment.ProcessorCount;
        _context = DeviceDiscovery.CreateContext();
        try
        {
            _devices = DeviceDiscovery.Find(_context, Options, logger ?? NullLogger.Instance);
        }
        catch
        {
            _context.Dispose();
            throw;
        }

        DeviceSlots = _devices.Sum(d => d.Capacity);
        _deviceSlots = new SemaphoreSlim(DeviceSlots, DeviceSlots);
        _cpuSlots = CpuSlots > 0 ? new SemaphoreSlim(CpuSlots, CpuSlots) : null;
    }

    /// <summary>The options it was made with.</summary>
    public GpuExecutorOptions Options { get; }

    /// <summary>Whether its devices are ILGPU's CPU accelerator standing in for missing GPUs.</summary>
    public bool IsFallback => _devices.All(d => d.Device.AcceleratorType == AcceleratorType.CPU);

    /// <summary>How many trials that need no accelerator run at once.</summary>
    public int CpuSlots { get; }

    /// <summary>How many trials that need an accelerator run at once: the devices' capacities summed.</summary>
    public int DeviceSlots { get; }

    /// <inheritdoc />
    public int Slots => CpuSlots + DeviceSlots;

    /// <summary>Always: every trial of an objective that needs a device is leased one of <see cref="Devices"/> (a CPU stand-in without a GPU).</summary>
    public bool LeasesDevices => true;

    /// <summary>Each device: its label, capacity, current and total leases, and the time it was leased.</summary>
    public IReadOnlyList<DeviceUsage> Devices
    {
        get
        {
            lock (_gate)
            {
                return [.. _devices.Select(d => new DeviceUsage(d.Label, d.Capacity, d.InUse, d.Leases, d.Device.MemorySize, d.Leased)
                {
                    Lease = d.Info,
                    AcceleratorsMade = d.AcceleratorsMade,
                    TrackedBytes = d.TrackedBytes,
                })];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<double> InvokeAsync(TrialInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.Objective.NeedsAccelerator
            ? await RunOnDeviceAsync(invocation, cancellationToken).ConfigureAwait(false)
            : await RunOnCpuAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            device.DisposeAccelerators();
        }

        _deviceSlots.Dispose();
        _cpuSlots?.Dispose();
        _context.Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<double> RunOnCpuAsync(TrialInvocation invocation, CancellationToken cancellationToken)
    {
        var slots = _cpuSlots ?? throw new InvalidOperationException(
            $"The objective '{invocation.Objective.Id}' needs a CPU slot, but the GpuExecutor has none (CpuSlots = 0). Give it CPU slots, or declare [Objective(Gpu = true)] to run it on a device.");
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await invocation.Objective.InvokeJsonAsync(invocation.ParametersJson, invocation.Context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async ValueTask<double> RunOnDeviceAsync(TrialInvocation invocation, CancellationToken cancellationToken)
    {
        await _deviceSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var device = Lease();
        var started = Stopwatch.GetTimestamp();
        var lease = new DeviceLease(device, _context, Options.ReuseAccelerators);
        var clean = false;
        try
        {
            var trial = invocation.Context;
            trial.SetAttribute(DeviceAttribute, device.Label);
            using (trial.AttachResource(device.Info))
            using (trial.AttachResource<Accelerator>(lease.Accelerator))
            using (trial.AttachResource<TrialAllocations>(lease.Allocations))
            {
                var value = await invocation.Objective.InvokeJsonAsync(invocation.ParametersJson, trial, cancellationToken).ConfigureAwait(false);
                clean = true;
                return value;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or TrialPrunedException)
        {
            clean = true;
            throw;
        }
        finally
        {
            lease.End(clean);
            Release(device, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The least busy device with room (the first such in order on a tie); a device slot is already held.</summary>
    private DeviceSlot Lease()
    {
        lock (_gate)
        {
            var device = _devices.Where(d => d.InUse < d.Capacity).MinBy(d => d.InUse)
                ?? throw new InvalidOperationException("A device slot was free but no device had room: the executor's counts disagree.");
            device.InUse++;
            device.Leases++;
            return device;
        }
    }

    private void Release(DeviceSlot device, TimeSpan leased)
    {
        lock (_gate)
        {
            device.InUse--;
            device.Leased += leased;
        }

        _deviceSlots.Release();
    }

    private static void Validate(GpuExecutorOptions options)
    {
        if (options.CpuSlots < 0)
        {
            throw new ArgumentException($"CpuSlots is {options.CpuSlots}; use 0 or more (null for the number of processors).", nameof(options));
        }

        if (options.TrialsPerDevice < 1)
        {
            throw new ArgumentException($"TrialsPerDevice is {options.TrialsPerDevice}; a device runs at least 1 trial at a time.", nameof(options));
        }

        if (options.DeviceMemoryBudget <= 0 || options.MemoryPerTrial <= 0)
        {
            throw new ArgumentException(
                $"DeviceMemoryBudget ({options.DeviceMemoryBudget}) and MemoryPerTrial ({options.MemoryPerTrial}) are byte counts above 0 when set.", nameof(options));
        }

        if (options.CpuAcceleratorDevices < 1)
        {
            throw new ArgumentException($"CpuAcceleratorDevices is {options.CpuAcceleratorDevices}; the fallback needs at least 1.", nameof(options));
        }
    }
}
