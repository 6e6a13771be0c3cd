namespace AttrHpo.Benchmarks;

/// <summary>
/// The samplers the quality benchmark knows, by name: the one place a new sampler is added. "gp" is <see cref="GpSampler"/>
/// with its defaults; "gp-previous" is its default before issue 11 (no output transform, failed trials left out of the
/// model); the other "gp-" names change one setting of the defaults.
/// </summary>
internal static class QualitySamplers
{
    private static readonly Dictionary<string, Func<ISampler>> Factories = new(StringComparer.Ordinal)
    {
        ["random"] = () => new RandomSampler(),
        ["sobol"] = () => new SobolSampler(),
        ["gp"] = () => new GpSampler(),
        ["cells"] = () => new CellSampler(),
        ["gp-previous"] = () => new DropFailures(new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.None })),
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

/// <summary>Hides failed trials (non-finite losses) from a sampler, as studies did before they passed them on.</summary>
internal sealed class DropFailures(ISampler inner) : ISampler, IDisposable
{
    public double[] Suggest(SamplingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finite = context.Completed.Where(o => double.IsFinite(o.Loss)).ToList();
        return inner.Suggest(finite.Count == context.Completed.Count ? context : new SamplingContext(context.Space, context.TrialNumber, context.Seed, finite, context.Pending));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
