namespace AttrHpo;

/// <summary>
/// Creates the sampler a study's coordinator runs for its <see cref="ClusterSampler"/>: one per activation of the coordinator.
/// <see cref="AttrHpoSiloBuilderExtensions.AddAttrHpo"/> registers <see cref="Default"/> unless one is registered already
/// (the tests register a recording one).
/// </summary>
internal sealed class ClusterSamplers(Func<ClusterSampler, ISampler> create)
{
    /// <summary>The samplers the <see cref="ClusterSampler"/> names stand for, with their default options.</summary>
    public static ClusterSamplers Default { get; } = new(kind => kind switch
    {
        ClusterSampler.Sobol => new SobolSampler(),
        ClusterSampler.GaussianProcess => new GpSampler(),
        _ => new RandomSampler(),
    });

    public ISampler Create(ClusterSampler kind) => create(kind);
}
