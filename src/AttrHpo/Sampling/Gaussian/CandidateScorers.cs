namespace AttrHpo;

/// <summary>Creates the <see cref="ICandidateScorer"/> a <see cref="GpSweepDevice"/> asks for.</summary>
internal static class CandidateScorers
{
    /// <summary>A scorer for <paramref name="device"/>; the caller disposes of it.</summary>
    /// <exception cref="InvalidOperationException"><see cref="GpSweepDevice.Cuda"/> was asked for and there is no CUDA GPU.</exception>
    public static ICandidateScorer Create(GpSweepDevice device) => device switch
    {
        GpSweepDevice.Auto => new AutoCandidateScorer(),
        GpSweepDevice.Managed => new ManagedCandidateScorer(),
        GpSweepDevice.IlgpuCpu => IlgpuCandidateScorer.CreateCpu(),
        GpSweepDevice.Cuda => IlgpuCandidateScorer.CreateCuda(),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "Choose GpSweepDevice.Auto, Managed, IlgpuCpu or Cuda."),
    };
}
