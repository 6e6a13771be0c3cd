using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>
/// One device a <see cref="GpuExecutor"/> leases: how many trials it may run at once, how many run on it now, and the
/// accelerators it keeps for them (one per trial running at once at most, made on first need and reused lease after lease).
/// </summary>
/// <param name="device">The ILGPU device.</param>
/// <param name="label">The name recorded with each trial it runs, e.g. <c>Cuda:0 NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="capacity">How many trials may run on it at once.</param>
/// <param name="info">What an objective that takes a <see cref="GpuDevice"/> is given.</param>
internal sealed class DeviceSlot(Device device, string label, int capacity, GpuDevice info)
{
    private readonly Lock _pool = new();
    private readonly Stack<PooledAccelerator> _idle = new();
    private readonly List<PooledAccelerator> _made = [];

    public Device Device => device;

    public string Label => label;

    public int Capacity => capacity;

    public GpuDevice Info => info;

    /// <summary>How many trials hold a lease on it now; changed only under the executor's lock.</summary>
    public int InUse { get; set; }

    /// <summary>How many trials have ever leased it.</summary>
    public int Leases { get; set; }

    /// <summary>How long it has been leased, summed over its leases (overlapping ones counted once each).</summary>
    public TimeSpan Leased { get; set; }

    /// <summary>How many accelerators it has made (a reused one counted once).</summary>
    public int AcceleratorsMade { get; private set; }

    /// <summary>Bytes its accelerators hold in buffers that trials allocated through their scopes and did not free (yet).</summary>
    public long TrackedBytes
    {
        get
        {
            lock (_pool)
            {
                return _made.Sum(p => p.TrackedBytes);
            }
        }
    }

    /// <summary>An idle accelerator of this device when <paramref name="reuse"/> and there is one, otherwise a new one.</summary>
    public PooledAccelerator Take(Context context, bool reuse)
    {
        lock (_pool)
        {
            if (reuse && _idle.TryPop(out var idle))
            {
                return idle;
            }
        }

        var made = new PooledAccelerator(device.CreateAccelerator(context));
        lock (_pool)
        {
            _made.Add(made);
            AcceleratorsMade++;
        }

        return made;
    }

    /// <summary>Keeps the accelerator for the next lease, or disposes it (with every buffer still on it).</summary>
    public void Return(PooledAccelerator pooled, bool keep)
    {
        lock (_pool)
        {
            if (keep)
            {
                _idle.Push(pooled);
                return;
            }

            _made.Remove(pooled);
        }

        pooled.Dispose();
    }

    /// <summary>Disposes every accelerator it made; for the executor's disposal, when no trial runs.</summary>
    public void DisposeAccelerators()
    {
        List<PooledAccelerator> made;
        lock (_pool)
        {
            made = [.. _made];
            _made.Clear();
            _idle.Clear();
        }

        foreach (var pooled in made)
        {
            pooled.Dispose();
        }
    }
}
