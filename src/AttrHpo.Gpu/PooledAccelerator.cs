using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>
/// An accelerator a <see cref="DeviceSlot"/> keeps and lends to one trial at a time, with the allocation scopes it handed out,
/// so that what trials left on it can be measured (<see cref="TrackedBytes"/>).
/// </summary>
internal sealed class PooledAccelerator(Accelerator accelerator) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TrialAllocations> _scopes = [];

    public Accelerator Accelerator => accelerator;

    /// <summary>Bytes held on the device by buffers allocated through this accelerator's scopes and not yet freed.</summary>
    public long TrackedBytes
    {
        get
        {
            lock (_gate)
            {
                _scopes.RemoveAll(s => s.IsReleased && s.LiveBuffers == 0);
                return _scopes.Sum(s => s.LiveBytes);
            }
        }
    }

    /// <summary>A new allocation scope for the trial that holds this accelerator now.</summary>
    public TrialAllocations NewScope()
    {
        var scope = new TrialAllocations(accelerator);
        lock (_gate)
        {
            _scopes.Add(scope);
        }

        return scope;
    }

    public void Dispose() => accelerator.Dispose();
}
