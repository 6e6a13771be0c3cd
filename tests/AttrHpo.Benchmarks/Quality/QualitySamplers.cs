namespace AttrHpo.Benchmarks;

/// <summary>
/// The samplers the quality benchmark knows, by name: the one place a new sampler is added. "gp" is <see cref="GpSampler"/>
/// with its defaults; "gp-previous" is its default before issue 11 (no output transform, no trust region, failed trials
/// left out of the model); "gp-global" is the defaults without the trust region; the other "gp-" names change one or two
/// settings of the defaults (the "gp-pm" ones measured without the trust region). Since ordered number choices became
/// the default (<see cref="GpSamplerOptions.OrderedChoices"/>), the variants measured before it (up to "gp-tr50-keep") run
/// with it too; "gp-onehot" is the default before it, and "gp-ord" equals "gp". Since the global search stopped refining
/// (<see cref="GpSamplerOptions.GlobalRefinement"/> off), every variant runs without it; "gp-gr" is the default before it,
/// and "gp-nogr" equals "gp". Since the incumbent comes from the posterior mean (<see cref="GpSamplerOptions.NoisyIncumbent"/>),
/// every variant runs with it; "gp-observed" is the default before it. Since trust-region refinement stops short of the
/// faces (<see cref="GpSamplerOptions.RefinementFaceMargin"/> 0.02), every variant runs with it too; "gp-face0" is the
/// default before it, and "gp-face02" equals "gp" (so does "gp-noisy").
/// </summary>
internal static class QualitySamplers
{
    private static readonly Dictionary<string, Func<ISampler>> Factories = new(StringComparer.Ordinal)
    {
        ["random"] = () => new RandomSampler(),
        ["sobol"] = () => new SobolSampler(),
        ["gp"] = () => new GpSampler(),
        ["cells"] = () => new CellSampler(),
        ["gp-previous"] = () => new DropFailures(new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.None, TrustRegionShare = 0, OrderedChoices = false })),
        ["gp-none"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.None }),
        ["gp-log"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.Log }),
        ["gp-power"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.Power }),
        ["gp-rank"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.RankGaussian }),
        ["gp-map"] = () => new GpSampler(new GpSamplerOptions { MaximumAPosteriori = true }),
        ["gp-none-map"] = () => new GpSampler(new GpSamplerOptions { OutputTransform = GpOutputTransform.None, MaximumAPosteriori = true }),
        ["gp-global"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0 }),
        ["gp-pm75"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0, PriorMeanQuantile = 0.75 }),
        ["gp-pm90"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0, PriorMeanQuantile = 0.9 }),
        ["gp-pm100"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0, PriorMeanQuantile = 1.0 }),
        ["gp-tr50"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5 }),
        ["gp-tr75"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.75 }),
        ["gp-tr75-l8"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.75, TrustRegionLength = 0.8 }),
        ["gp-tr75-pm75"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.75, PriorMeanQuantile = 0.75 }),
        ["gp-tr50-pm75"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5, PriorMeanQuantile = 0.75 }),
        ["gp-tr50-p8"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5, TrustRegionPatience = 8 }),
        ["gp-tr50-l8-p8"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5, TrustRegionLength = 0.8, TrustRegionPatience = 8 }),
        ["gp-tr50-pm90"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5, PriorMeanQuantile = 0.9 }),
        ["gp-tr25"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.25 }),
        ["gp-tr50-l2"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5, TrustRegionLength = 0.2 }),
        ["gp-tr50-l2-p8"] = () => new GpSampler(new GpSamplerOptions { TrustRegionShare = 0.5, TrustRegionLength = 0.2, TrustRegionPatience = 8 }),
        ["gp-tr50-l8"] = () => new GpSampler(new GpSamplerOptions { TrustRegionLength = 0.8 }),
        ["gp-tr50-keep"] = () => new GpSampler(new GpSamplerOptions { TrustRegionChoiceKeep = 1 }),
        ["gp-onehot"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = false }),
        ["gp-ord"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true }),
        ["gp-noisy"] = () => new GpSampler(new GpSamplerOptions { NoisyIncumbent = true }),
        ["gp-observed"] = () => new GpSampler(new GpSamplerOptions { NoisyIncumbent = false }),
        ["gp-face02"] = () => new GpSampler(new GpSamplerOptions { RefinementFaceMargin = 0.02 }),
        ["gp-face0"] = () => new GpSampler(new GpSamplerOptions { RefinementFaceMargin = 0 }),
        ["gp-noisy-tr75"] = () => new GpSampler(new GpSamplerOptions { NoisyIncumbent = true, TrustRegionShare = 0.75 }),
        ["gp-noisy-map"] = () => new GpSampler(new GpSamplerOptions { NoisyIncumbent = true, MaximumAPosteriori = true }),
        ["gp-warp"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = false, InputWarping = true }),
        ["gp-ts"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = false, TrustRegionThompsonSampling = 512 }),
        ["gp-ord-ts"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true, TrustRegionThompsonSampling = 512 }),
        ["gp-ord-tr75"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true, TrustRegionShare = 0.75 }),
        ["gp-ord-l8"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true, TrustRegionLength = 0.8 }),
        ["gp-ord-p8"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true, TrustRegionPatience = 8 }),
        ["gp-ord-global"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true, TrustRegionShare = 0 }),
        ["gp-cold64"] = () => new GpSampler(new GpSamplerOptions { ColdFitObservations = 64 }),
        ["gp-fm"] = () => new GpSampler(new GpSamplerOptions { FittedPriorMean = true }),
        ["gp-ord-warp"] = () => new GpSampler(new GpSamplerOptions { OrderedChoices = true, InputWarping = true }),
        ["gp-init8"] = () => new GpSampler(new GpSamplerOptions { InitialDesignSize = 8 }),
        ["gp-init16"] = () => new GpSampler(new GpSamplerOptions { InitialDesignSize = 16 }),
        ["gp-dch"] = () => new GpSampler(new GpSamplerOptions { DiscreteOrderedChoices = true }),
        ["gp-nogr"] = () => new GpSampler(new GpSamplerOptions { GlobalRefinement = false }),
        ["gp-gr"] = () => new GpSampler(new GpSamplerOptions { GlobalRefinement = true }),
        ["gp-noref"] = () => new GpSampler(new GpSamplerOptions { RefinementStarts = 0 }),
        ["gp-trc2"] = () => new GpSampler(new GpSamplerOptions { TrustRegionCentres = 2 }),
        ["gp-trc3"] = () => new GpSampler(new GpSamplerOptions { TrustRegionCentres = 3 }),
        ["gp-dch-tr"] = () => new GpSampler(new GpSamplerOptions { DiscreteOrderedChoices = true, DiscreteOrderedChoicesInTrustRegion = true }),
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
