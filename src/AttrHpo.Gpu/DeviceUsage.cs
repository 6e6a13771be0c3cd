namespace AttrHpo;

/// <summary>What one device has done under a <see cref="GpuExecutor"/>.</summary>
/// <param name="Device">The device's label, as recorded with each trial in the <c>device</c> attribute.</param>
/// <param name="Capacity">How many trials it may run at once.</param>
/// <param name="InUse">How many trials run on it now.</param>
/// <param name="Leases">How many trials have leased it.</param>
/// <param name="MemoryBytes">Its memory, in bytes.</param>
/// <param name="Leased">How long trials have held it, summed over leases: over a study's wall time, its utilisation by leases.</param>
public sealed record DeviceUsage(string Device, int Capacity, int InUse, int Leases, long MemoryBytes, TimeSpan Leased)
{
    /// <summary>What an objective that takes a <see cref="GpuDevice"/> is given when it leases this device.</summary>
    public GpuDevice? Lease { get; init; }

    /// <summary>How many accelerators of it the executor has made: one per slot of the device when they are reused.</summary>
    public int AcceleratorsMade { get; init; }

    /// <summary>
    /// Bytes its accelerators hold now in buffers that trials allocated through <c>trial.Allocations</c> and did not free yet:
    /// 0 between trials, since a lease's end frees what its trial left.
    /// </summary>
    public long TrackedBytes { get; init; }
}
