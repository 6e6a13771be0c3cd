namespace AttrHpo;

/// <summary>Where the Gaussian-process sampler scores its sweep of candidate points.</summary>
public enum GpSweepDevice
{
    /// <summary>
    /// Managed code for small sweeps (fewer than 1,024 candidates, or observations x candidates below about half a million); CUDA
    /// for larger ones when a CUDA GPU is present, managed code otherwise.
    /// </summary>
    Auto,

    /// <summary>Managed code, in parallel over the machine's cores.</summary>
    Managed,

    /// <summary>The ILGPU kernel on ILGPU's CPU accelerator: the GPU code path, run on the CPU (for tests and CI).</summary>
    IlgpuCpu,

    /// <summary>The ILGPU kernel on the first CUDA GPU; fails if there is none.</summary>
    Cuda,
}
