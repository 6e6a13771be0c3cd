using ILGPU.Runtime;

namespace AttrHpo;

/// <summary>The device a trial leased from a <see cref="GpuExecutor"/>, read from its <see cref="TrialContext"/>.</summary>
public static class GpuTrialContext
{
    extension(TrialContext trial)
    {
        /// <summary>
        /// The accelerator this trial leased from a <see cref="GpuExecutor"/>: a GPU, or ILGPU's CPU accelerator where the executor
        /// falls back to it. The generated code passes it to an objective that takes an <c>ILGPU.Runtime.Accelerator</c>. It is
        /// disposed when the trial ends: never keep it.
        /// </summary>
        /// <exception cref="InvalidOperationException">The trial holds no lease: the objective does not need one, or the study runs without a <see cref="GpuExecutor"/>.</exception>
        public Accelerator Accelerator => trial.GetResource<Accelerator>();
    }
}
