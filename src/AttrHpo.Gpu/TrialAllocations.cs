using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>
/// The device memory one trial allocates on its leased accelerator through this scope (<c>trial.Allocations</c>): every buffer
/// allocated (or adopted with <see cref="Track{TBuffer}"/>) through it that the trial has not disposed when its lease ends is
/// disposed then, so the next trial on the device starts with the memory the study started with. The
/// <see cref="GpuExecutor"/> keeps one accelerator per device slot and hands it from trial to trial, so a buffer allocated
/// directly on <see cref="Accelerator"/> and never disposed stays allocated until the executor is disposed.
/// </summary>
/// <remarks>Thread-safe. Disposing a tracked buffer early, as a trial would, is right: the scope then leaves it alone.</remarks>
public sealed class TrialAllocations
{
    private readonly Lock _gate = new();
    private readonly List<MemoryBuffer> _buffers = [];
    private bool _released;

    internal TrialAllocations(Accelerator accelerator) => Accelerator = accelerator;

    /// <summary>The accelerator the buffers are allocated on: the one the trial leased.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>How many tracked buffers are not disposed yet.</summary>
    public int LiveBuffers
    {
        get
        {
            lock (_gate)
            {
                return _buffers.Count(b => !b.IsDisposed);
            }
        }
    }

    /// <summary>The bytes held by tracked buffers that are not disposed yet.</summary>
    public long LiveBytes
    {
        get
        {
            lock (_gate)
            {
                return _buffers.Where(b => !b.IsDisposed).Sum(b => b.LengthInBytes);
            }
        }
    }

    /// <summary>Whether the lease has ended and the scope freed what was left.</summary>
    internal bool IsReleased
    {
        get
        {
            lock (_gate)
            {
                return _released;
            }
        }
    }

    /// <summary>Allocates <paramref name="length"/> elements on the device, freed at the lease's end unless disposed before.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">How many elements.</param>
    /// <returns>The buffer.</returns>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate1D<T>(long length)
        where T : unmanaged => Track(Accelerator.Allocate1D<T>(length));

    /// <summary>Allocates a copy of <paramref name="values"/> on the device, freed at the lease's end unless disposed before.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">What to copy to the device.</param>
    /// <returns>The buffer.</returns>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate1D<T>(T[] values)
        where T : unmanaged => Track(Accelerator.Allocate1D(values));

    /// <summary>Allocates a dense 2-D buffer (rows along X) on the device, freed at the lease's end unless disposed before.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="extent">Its extent.</param>
    /// <returns>The buffer.</returns>
    public MemoryBuffer2D<T, Stride2D.DenseX> Allocate2DDenseX<T>(LongIndex2D extent)
        where T : unmanaged => Track(Accelerator.Allocate2DDenseX<T>(extent));

    /// <summary>Adopts a buffer the trial allocated otherwise on <see cref="Accelerator"/>, so that the lease's end frees it too.</summary>
    /// <typeparam name="TBuffer">The buffer's type.</typeparam>
    /// <param name="buffer">The buffer.</param>
    /// <returns><paramref name="buffer"/>.</returns>
    /// <exception cref="ObjectDisposedException">The lease has ended; the buffer has been disposed.</exception>
    public TBuffer Track<TBuffer>(TBuffer buffer)
        where TBuffer : MemoryBuffer
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_gate)
        {
            if (!_released)
            {
                _buffers.Add(buffer);
                return buffer;
            }
        }

        buffer.Dispose();
        throw new ObjectDisposedException(nameof(TrialAllocations), "The trial's device lease has ended: nothing more can be allocated through its scope.");
    }

    /// <summary>Disposes the tracked buffers the trial left, and refuses any more; returns how many it disposed.</summary>
    internal int Release()
    {
        List<MemoryBuffer> left;
        lock (_gate)
        {
            _released = true;
            left = [.. _buffers.Where(b => !b.IsDisposed)];
            _buffers.Clear();
        }

        foreach (var buffer in left)
        {
            buffer.Dispose();
        }

        return left.Count;
    }
}
