namespace AttrHpo.Benchmarks;

/// <summary>The samplers the quality benchmark knows, by name: the one place a new sampler is added.</summary>
internal static class QualitySamplers
{
    private static readonly Dictionary<string, Func<ISampler>> Factories = new(StringComparer.Ordinal)
    {
        ["random"] = () => new RandomSampler(),
        ["sobol"] = () => new SobolSampler(),
        ["gp"] = () => new GpSampler(),
        ["cells"] = () => new CellSampler(),
        ["gp-none"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.None }),
        ["gp-log"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.Log }),
        ["gp-power"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.Power }),
        ["gp-rank"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.RankGaussian }),
        ["gp-map"] = () => new GpSampler(new GpSamplerOptions { MaximumAPosteriori = true }),
        ["gp-none-map"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.None, MaximumAPosteriori = true }),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static ISampler Create(string name)
    {
        if (Factories.TryGetValue(name, out var factory))
        {
            return factory();
        }

        throw new ArgumentException($"Unknown sampler '{name}': use one of {string.Join(", ", Factories.Keys)}.", nameof(name));
    }
}
