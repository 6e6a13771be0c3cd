namespace AttrHpo;

/// <summary>
/// Where the Gaussian-process sampler scores its sweep of candidate points (<see cref="GpSamplerOptions.Sweep"/>): managed code
/// here, in parallel over the machine's cores; an ILGPU kernel on a GPU with the AttrHpo.Gpu package
/// (<c>GpCandidateSweep.Auto</c>, <c>Cuda</c>, <c>IlgpuCpu</c>). Every sweep gives the same numbers to 1e-9 relative.
/// </summary>
public abstract class GpCandidateSweep
{
    /// <summary>Lets the packages of AttrHpo add sweeps; nothing else derives from this class.</summary>
    private protected GpCandidateSweep()
    {
    }

    /// <summary>Managed code, in parallel over the machine's cores: the default.</summary>
    public static GpCandidateSweep Managed { get; } = new ManagedSweep();

    /// <summary>A scorer for one sampler; the sampler disposes of it.</summary>
    /// <exception cref="InvalidOperationException">The sweep needs hardware this machine lacks (the message says which).</exception>
    internal abstract ICandidateScorer CreateScorer();

    private sealed class ManagedSweep : GpCandidateSweep
    {
        internal override ICandidateScorer CreateScorer() => new ManagedCandidateScorer();

        public override string ToString() => "Managed";
    }
}
