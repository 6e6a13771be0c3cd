using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>The device a trial leased from a <see cref="GpuExecutor"/>, read from its <see cref="TrialContext"/>.</summary>
public static class GpuTrialContext
{
    extension(TrialContext trial)
    {
        /// <summary>
        /// The accelerator this trial leased from a <see cref="GpuExecutor"/>: a GPU, or ILGPU's CPU accelerator where the executor
        /// falls back to it. The generated code passes it to an objective that takes an <c>ILGPU.Runtime.Accelerator</c>. The
        /// executor lends it to the next trial when this one ends: never keep it, and allocate through <c>Allocations</c> (or
        /// dispose what you allocate) so that nothing is left on the device.
        /// </summary>
        /// <exception cref="InvalidOperationException">The trial holds no lease: the objective does not need one, or the study runs without a <see cref="GpuExecutor"/>.</exception>
        public Accelerator Accelerator => trial.GetResource<Accelerator>();

        /// <summary>
        /// The trial's allocation scope on its leased accelerator: buffers allocated through it (or adopted with
        /// <see cref="TrialAllocations.Track{TBuffer}"/>) that the trial leaves are freed when its lease ends, so the next trial on
        /// the device, which reuses the accelerator, starts with the memory the study started with.
        /// </summary>
        /// <exception cref="InvalidOperationException">The trial holds no lease: the objective does not need one, or the study runs without a <see cref="GpuExecutor"/>.</exception>
        public TrialAllocations Allocations => trial.GetResource<TrialAllocations>();
    }
}
