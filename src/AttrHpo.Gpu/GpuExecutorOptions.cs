using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>How a <see cref="GpuExecutor"/> shares this machine's devices and cores among trials.</summary>
public sealed record GpuExecutorOptions
{
    /// <summary>How many trials that need no accelerator run at once; the number of processors when <see langword="null"/>. 0 refuses such trials.</summary>
    public int? CpuSlots { get; init; }

    /// <summary>How many trials share one device at once: 1 (the default) leases each device exclusively; more suits small models.</summary>
    public int TrialsPerDevice { get; init; } = 1;

    /// <summary>Which of the GPUs ILGPU finds (CUDA, then OpenCL) trials may use; all when <see langword="null"/>.</summary>
    public Func<Device, bool>? SelectDevice { get; init; }

    /// <summary>How many bytes of each device the executor may fill; the device's whole memory when <see langword="null"/>.</summary>
    public long? DeviceMemoryBudget { get; init; }

    /// <summary>
    /// How many bytes one trial needs on its device, when known: a device then runs at most
    /// <c>min(TrialsPerDevice, budget / MemoryPerTrial)</c> trials at once, and a device whose budget holds none is left out.
    /// </summary>
    public long? MemoryPerTrial { get; init; }

    /// <summary>
    /// Whether a device slot keeps its accelerator from lease to lease (the default): the trial after the first pays no context
    /// creation, and what a trial allocated through <c>trial.Allocations</c> and left is freed when its lease ends. When
    /// <see langword="false"/>, every lease gets a fresh accelerator, disposed at its end with every buffer on it: for objectives
    /// that allocate directly on the accelerator and leave buffers undisposed, at the cost of a context per trial.
    /// </summary>
    public bool ReuseAccelerators { get; init; } = true;

    /// <summary>What to do when no GPU is found (or none is selected): run trials on ILGPU's CPU accelerator (the default), or refuse.</summary>
    public NoGpuBehavior WhenNoGpu { get; init; } = NoGpuBehavior.FallBackToCpuAccelerator;

    /// <summary>
    /// How many CPU-accelerator devices stand in for GPUs under <see cref="NoGpuBehavior.FallBackToCpuAccelerator"/>: each is
    /// leased like a GPU (exclusively by default), so that code written for several GPUs runs, slowly, anywhere.
    /// </summary>
    public int CpuAcceleratorDevices { get; init; } = 1;
}

/// <summary>What a <see cref="GpuExecutor"/> does on a machine without a usable GPU.</summary>
public enum NoGpuBehavior
{
    /// <summary>Run GPU trials on ILGPU's CPU accelerator (the kernels, executed by CPU threads) and log a warning.</summary>
    FallBackToCpuAccelerator,

    /// <summary>Refuse to start: the executor's constructor throws.</summary>
    Refuse,
}
