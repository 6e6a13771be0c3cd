using System.Diagnostics.CodeAnalysis;

namespace AttrHpo;

/// <summary>The GP sampler's candidate sweep on ILGPU (<see cref="GpSamplerOptions.Sweep"/>).</summary>
public static class GpuCandidateSweeps
{
    extension(GpCandidateSweep)
    {
        /// <summary>
        /// Managed code for small sweeps (fewer than 1,024 candidates, or observations x candidates below about half a million);
        /// CUDA for larger ones when a CUDA GPU is present, managed code otherwise.
        /// </summary>
        public static GpCandidateSweep Auto
        {
            [RequiresDynamicCode(IlgpuRuntimeCode.Reason)]
            [RequiresUnreferencedCode(IlgpuRuntimeCode.Reason)]
            get => IlgpuSweep.Auto;
        }

        /// <summary>The ILGPU kernel on the first CUDA GPU; a sampler fails when created where there is none.</summary>
        public static GpCandidateSweep Cuda
        {
            [RequiresDynamicCode(IlgpuRuntimeCode.Reason)]
            [RequiresUnreferencedCode(IlgpuRuntimeCode.Reason)]
            get => IlgpuSweep.Cuda;
        }

        /// <summary>The ILGPU kernel on ILGPU's CPU accelerator: the GPU code path, run on the CPU (for tests and CI).</summary>
        public static GpCandidateSweep IlgpuCpu
        {
            [RequiresDynamicCode(IlgpuRuntimeCode.Reason)]
            [RequiresUnreferencedCode(IlgpuRuntimeCode.Reason)]
            get => IlgpuSweep.IlgpuCpu;
        }
    }
}
