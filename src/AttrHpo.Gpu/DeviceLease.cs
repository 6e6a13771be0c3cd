using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>
/// One trial's lease of a device slot: the accelerator and the allocation scope it lends, each made on the trial's first
/// request (an objective that takes only a <see cref="GpuDevice"/> never makes either), and given back at <see cref="End"/>.
/// </summary>
internal sealed class DeviceLease(DeviceSlot slot, Context context, bool reuse)
{
    private readonly Lock _gate = new();
    private PooledAccelerator? _pooled;
    private TrialAllocations? _allocations;
    private bool _ended;

    /// <summary>The slot's accelerator, bound to the calling thread (made, or taken from the slot's idle ones).</summary>
    public Accelerator Accelerator()
    {
        var accelerator = Pooled().Accelerator;
        accelerator.Bind();
        return accelerator;
    }

    /// <summary>The trial's allocation scope on the slot's accelerator.</summary>
    public TrialAllocations Allocations()
    {
        var pooled = Pooled();
        lock (_gate)
        {
            return _allocations ??= pooled.NewScope();
        }
    }

    /// <summary>
    /// Frees what the trial left in its scope and gives the accelerator back: kept for the next lease when reused and
    /// <paramref name="clean"/> (the trial returned, was pruned or cancelled), otherwise disposed.
    /// </summary>
    public void End(bool clean)
    {
        PooledAccelerator? pooled;
        TrialAllocations? allocations;
        lock (_gate)
        {
            _ended = true;
            (pooled, allocations) = (_pooled, _allocations);
        }

        allocations?.Release();
        if (pooled is not null)
        {
            slot.Return(pooled, keep: reuse && clean);
        }
    }

    private PooledAccelerator Pooled()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_ended, this);
            return _pooled ??= slot.Take(context, reuse);
        }
    }
}
