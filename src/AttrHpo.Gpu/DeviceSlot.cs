using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>One device a <see cref="GpuExecutor"/> leases: how many trials it may run at once and how many run on it now.</summary>
/// <param name="Device">The ILGPU device.</param>
/// <param name="Label">The name recorded with each trial it runs, e.g. <c>Cuda:0 NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="Capacity">How many trials may run on it at once.</param>
internal sealed record DeviceSlot(Device Device, string Label, int Capacity)
{
    /// <summary>How many trials hold a lease on it now; changed only under the executor's lock.</summary>
    public int InUse { get; set; }

    /// <summary>How many trials have ever leased it.</summary>
    public int Leases { get; set; }

    /// <summary>How long it has been leased, summed over its leases (overlapping ones counted once each).</summary>
    public TimeSpan Leased { get; set; }

    /// <summary>An accelerator of this device for one lease, disposed (with every buffer the trial left on it) when the lease ends.</summary>
    public Accelerator CreateAccelerator(Context context) => Device.CreateAccelerator(context);
}
