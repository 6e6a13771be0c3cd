namespace AttrHpo;

/// <summary>
/// The GPU a trial leased, for any GPU library: an objective that takes a <see cref="GpuDevice"/> parameter gets the device the
/// executor leased it (the <c>GpuExecutor</c> of the AttrHpo.Gpu package; one trial per device unless configured otherwise) and
/// hands <see cref="Index"/> to its library, e.g. <c>torch.device($"cuda:{device.Index}")</c> or <c>cudaSetDevice(device.Index)</c>.
/// </summary>
/// <param name="Index">
/// The device's ordinal among the devices of its <see cref="Kind"/> that this process sees: what CUDA libraries take
/// (<c>cuda:0</c>). In a worker process pinned to one GPU by <c>CUDA_VISIBLE_DEVICES</c> it is 0; <see cref="MachineIndex"/>
/// says which GPU of the machine that is.
/// </param>
/// <param name="Name">The device's name, e.g. <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="MemoryBytes">The device's memory, in bytes.</param>
public sealed record GpuDevice(int Index, string Name, long MemoryBytes)
{
    /// <summary>What the device is: a CUDA or OpenCL GPU, or the CPU standing in for a GPU on a machine without one.</summary>
    public GpuDeviceKind Kind { get; init; } = GpuDeviceKind.Cuda;

    /// <summary>
    /// The device's identity where the driver reports one: the PCI bus id (<c>0000:3B:00.0</c>, as NVML and
    /// <c>nvidia-smi</c> write it) for a CUDA GPU; <see langword="null"/> otherwise.
    /// </summary>
    public string? Identity { get; init; }

    /// <summary>
    /// The device's index among the machine's GPUs (as <c>nvidia-smi</c> and <c>CUDA_VISIBLE_DEVICES</c> number them): the
    /// entry of <c>CUDA_VISIBLE_DEVICES</c> at <see cref="Index"/> when the variable lists indices, otherwise <see cref="Index"/>;
    /// <see langword="null"/> when the variable names devices by UUID, or for OpenCL.
    /// </summary>
    public int? MachineIndex { get; init; }

    /// <summary>Whether the CPU stands in for a GPU (a machine without one): a GPU library cannot use it; run on the CPU instead.</summary>
    public bool IsStandIn => Kind == GpuDeviceKind.CpuStandIn;
}

/// <summary>What a <see cref="GpuDevice"/> is.</summary>
public enum GpuDeviceKind
{
    /// <summary>A CUDA GPU.</summary>
    Cuda,

    /// <summary>An OpenCL GPU.</summary>
    OpenCL,

    /// <summary>The CPU, standing in for a GPU on a machine without one (ILGPU's CPU accelerator).</summary>
    CpuStandIn,
}
