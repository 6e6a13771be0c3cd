using System.Collections.Concurrent;

namespace AttrHpo.Tests.Execution;

/// <summary>
/// A stand-in for a native GPU library (TorchSharp, a CUDA binding): it is handed a device index, records it, and refuses an
/// index outside the machine's devices or one already in use, as a library would fail on a device another trial holds.
/// </summary>
public sealed class StandInNativeLibrary(int devices)
{
    private readonly ConcurrentDictionary<int, int> _inUse = new();

    /// <summary>Every index it was handed, in order of use.</summary>
    public ConcurrentQueue<int> Used { get; } = new();

    /// <summary>Opens the device at <paramref name="index"/> until the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">The index is no device, or the device is in use.</exception>
    public IDisposable Open(int index)
    {
        if (index < 0 || index >= devices)
        {
            throw new InvalidOperationException($"No device {index}: this machine has {devices}.");
        }

        if (!_inUse.TryAdd(index, 1))
        {
            throw new InvalidOperationException($"Device {index} is in use by another trial.");
        }

        Used.Enqueue(index);
        return new Close(() => _inUse.TryRemove(index, out _));
    }

    private sealed class Close(Action close) : IDisposable
    {
        public void Dispose() => close();
    }
}

/// <summary>An instance objective that trains through the stand-in library on the GPU its trial leased.</summary>
public sealed partial class NativeTrainer(StandInNativeLibrary library)
{
    /// <summary>Holds the leased device for a while and returns <paramref name="x"/>; records the device it was given.</summary>
    [Objective]
    public async Task<double> Train([Hyperparameter(0.0, 1.0)] double x, GpuDevice device, TrialContext trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(trial);
        using (library.Open(device.Index))
        {
            trial.SetAttribute("index", device.Index);
            trial.SetAttribute("kind", device.Kind.ToString());
            await Task.Delay(20, cancellationToken);
        }

        return x;
    }
}
