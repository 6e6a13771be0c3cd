namespace AttrHpo;

/// <summary>
/// Bayesian optimisation with a Gaussian process and batch expected improvement: the sampler for expensive trials run
/// several at a time. Each suggestion takes the running trials' points into account, so a worker that frees up while
/// others run gets a point that complements theirs.
/// </summary>
/// <remarks>
/// <para>
/// <b>Model.</b> Inputs are the search space's unit-cube coordinates (log scales are already linear there): integers and
/// stepped values are relaxed to a continuous coordinate and snapped to a valid value, a choice of numbers in increasing or
/// decreasing order is one such coordinate (<see cref="GpSamplerOptions.OrderedChoices"/>), other choices are one-hot. The kernel is
/// Matern 5/2 with one length scale per input, a signal variance and a noise variance, on standardised losses, transformed
/// first by <see cref="GpSamplerOptions.OutputTransform"/>: by default (<see cref="GpOutputTransform.Auto"/>) a Yeo-Johnson
/// power transform fitted at every fit (ranks mapped to normal quantiles when it leaves a long tail of bad losses), then
/// every transformed loss above the third quartile plus three interquartile ranges clipped to that fence, so a diverged
/// run at a hundred times the others' losses cannot flatten the model around the good ones. Hyperparameters are fitted by
/// maximum likelihood (or, with <see cref="GpSamplerOptions.MaximumAPosteriori"/>, maximum a posteriori) with bounded BFGS on the
/// analytic gradient, warm-started from a checkpoint fit. Priors for MAP, on the log scale: length scales
/// log-normal with location sqrt2 + ln(d)/2 and scale sqrt3 (Hvarfner et al. 2024), noise variance log-normal(-4, 1), signal
/// variance flat. Bounds: length scales [0.01, 100], signal variance [0.05, 20], noise variance [1e-6, 0.5].
/// </para>
/// <para>
/// <b>Acquisition.</b> The first <see cref="GpSamplerOptions.InitialDesignSize"/> trials (default 2 d + 1) come from a
/// scrambled Sobol design. Then, with <see cref="GpBatchStrategy.ExpectedImprovement"/>, a trial with no others running gets
/// the maximiser of log expected improvement, and a trial started while others run gets the point that maximises the
/// Monte Carlo expected improvement of the batch (the running points together with it) over the joint posterior, with
/// fixed quasi-random base samples (greedy sequential q-EI). With <see cref="GpBatchStrategy.UcbPureExploration"/>, GP-UCB-PE.
/// The maximiser scores <see cref="GpSamplerOptions.CandidateCount"/> quasi-random and local candidates; in the trust region
/// (below) it then refines the best by bounded BFGS, over the whole space only with <see cref="GpSamplerOptions.GlobalRefinement"/>.
/// Half the trials after the design (<see cref="GpSamplerOptions.TrustRegionShare"/>, every other trial number) search
/// only a trust region around the best observed point (TuRBO's box, side <see cref="GpSamplerOptions.TrustRegionLength"/>
/// stretched by the length scales, the best point's choices kept with probability 0.8): on real training runs, expected
/// improvement over the whole box spent most points on its corners (prior mean, full variance) and was no better than
/// random search; half the batch refining the best region beat it (docs/benchmarks.md, "Real training runs").
/// </para>
/// <para>
/// <b>Cost.</b> The workers of a batch see the same finished trials and share one fit and one factorisation. Kernel
/// hyperparameters are fitted on at most <see cref="GpSamplerOptions.MaxFitObservations"/> observations and the posterior
/// conditions on at most <see cref="GpSamplerOptions.MaxPosteriorObservations"/> (subsets of data: the best half and an even
/// spread of the rest), so the cost per suggestion stays bounded however long the study runs.
/// </para>
/// <para>
/// <b>Failures.</b> A trial whose loss is not finite (a failed trial appears with +infinity, NaN is treated alike) is a bad
/// observation: its target is imputed as the worst target of the finite losses after the transform (and, with
/// <see cref="GpOutputTransform.Auto"/>, the clipping), much as SMAC gives crashed runs the worst cost, so the model learns
/// to avoid the region where trials fail. The transform is fitted to the finite losses only, and failed trials rank last
/// when a subset of the observations is chosen. Until two losses are finite, points come from the Sobol design. Numerical
/// failures that jitter cannot repair surface as <see cref="GpNumericalException"/> with the cause and the fix, never as
/// NaN points.
/// </para>
/// <para>
/// <b>Determinism.</b> A suggestion depends only on its <see cref="SamplingContext"/> (seed, trial number, finished and
/// running trials): the cached fits are keyed by history and warm starts come from a deterministic checkpoint.
/// </para>
/// </remarks>
public sealed class GpSampler : ISampler, IDisposable
{
    private readonly GpModelCache _models;
    private readonly ICandidateScorer _scorer;
    private readonly object _scorerGate = new();

    /// <summary>Creates the sampler.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public GpSampler(GpSamplerOptions? options = null)
    {
        Options = options ?? new GpSamplerOptions();
        Options.Validate();
        _models = new GpModelCache(Options);
        _scorer = Options.Sweep.CreateScorer();
    }

    /// <summary>The sampler's settings.</summary>
    public GpSamplerOptions Options { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A point in the history does not belong to the context's search space.</exception>
    /// <exception cref="GpNumericalException">The GP could not be fitted (the message says why).</exception>
    public double[] Suggest(SamplingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var space = context.Space;
        var encoding = new FeatureEncoding(space, Options.OrderedChoices);
        var observations = context.Completed;
        var finite = observations.Count(o => double.IsFinite(o.Loss));
        var initialDesign = Options.InitialDesignSize ?? ((2 * space.Count) + 1);
        // The initial design ends at trial InitialDesign, or sooner when the history already holds that many trials (a new
        // version of a study warm-started from its earlier versions); a study's own history never outgrows its trial numbers.
        var designed = context.TrialNumber < initialDesign && observations.Count < initialDesign;
        if (designed || finite < 2 || encoding.FeatureCount == 0 || space.Count > SobolSampler.MaxDimensions)
        {
            return new SobolSampler().Suggest(context);
        }

        var model = _models.Get(observations, encoding, context.Seed);
        encoding = model.Encoding;
        var f = encoding.FeatureCount;
        var pending = new double[context.Pending.Count * f];
        for (var p = 0; p < context.Pending.Count; p++)
        {
            encoding.Encode(context.Pending[p], pending.AsSpan(p * f, f));
        }

        var trialSeed = SeedMixer.Mix(context.Seed ^ SeedMixer.Mix((ulong)context.TrialNumber + 0x3C6EF372FE94F82BUL));
        var region = Options.BatchStrategy == GpBatchStrategy.ExpectedImprovement && TrustRegion.Applies(Options.TrustRegionShare, context.TrialNumber)
            ? TrustRegion.Around(encoding, space, model.Incumbents.AsSpan(RegionCentre(model, context.TrialNumber) * f, f), model.Process.Hyperparameters.LengthScales,
                TrustRegion.SideFor(observations, Options.TrustRegionLength, Options.TrustRegionPatience))
            : null;
        var thompson = region is not null && Options.TrustRegionThompsonSampling > 0;
        var random = context.CreateRandom();
        var candidates = region is null
            ? CandidateGenerator.Create(encoding, space, CandidateCount(model.Process.Count), model.Incumbents, trialSeed, random, Options.DiscreteOrderedChoices)
            : region.Candidates(thompson ? Options.TrustRegionThompsonSampling : CandidateCount(model.Process.Count), trialSeed, random, Options.TrustRegionChoiceKeep,
                Options.DiscreteOrderedChoices && Options.DiscreteOrderedChoicesInTrustRegion);
        var maximizer = new AcquisitionMaximizer(
            encoding,
            new AcquisitionSettings(Options.Separation, Options.MonteCarloSamples, Options.RefinementStarts)
            {
                GlobalRefinement = Options.GlobalRefinement,
                RefinementFaceMargin = Options.RefinementFaceMargin,
                DiscreteOrderedChoices = Options.DiscreteOrderedChoices,
                DiscreteOrderedChoicesInTrustRegion = Options.DiscreteOrderedChoicesInTrustRegion,
            },
            Score);
        if (thompson)
        {
            return encoding.Decode(maximizer.ThompsonSample(model.Process, pending, candidates, random, EncodeRecent(encoding, observations, RecentlyEvaluated)));
        }

        var features = Options.BatchStrategy switch
        {
            GpBatchStrategy.UcbPureExploration =>
                maximizer.UcbPureExploration(model.Process, model.Best, Beta(f, observations.Count + context.Pending.Count + 1), pending, candidates),
            _ => maximizer.ExpectedImprovement(model.Process, model.Best, pending, candidates, SeedMixer.Mix(context.Seed ^ 0xBB67AE8584CAA73BUL), region, EncodeRecent(encoding, observations, RecentlyEvaluated)),
        };
        return encoding.Decode(features);
    }

    /// <inheritdoc />
    public void Dispose() => _scorer.Dispose();

    /// <summary>Which incumbent a trust-region trial is centred on: its rank among the trust-region trials, modulo <see cref="GpSamplerOptions.TrustRegionCentres"/>.</summary>
    private int RegionCentre(FittedModel model, int trialNumber)
    {
        var available = model.Incumbents.Length / model.Encoding.FeatureCount;
        var centres = Math.Min(Options.TrustRegionCentres, available);
        return centres <= 1 ? 0 : (int)(Math.Floor(trialNumber * Options.TrustRegionShare) % centres);
    }

    /// <summary>How many of the latest observations a suggestion keeps <see cref="GpSamplerOptions.Separation"/> away from.</summary>
    private const int RecentlyEvaluated = 16;

    /// <summary>The features of the last <paramref name="count"/> observations' points, row-major.</summary>
    private static double[] EncodeRecent(FeatureEncoding encoding, IReadOnlyList<Observation> observations, int count)
    {
        var f = encoding.FeatureCount;
        var first = Math.Max(0, observations.Count - count);
        var features = new double[(observations.Count - first) * f];
        for (var i = first; i < observations.Count; i++)
        {
            encoding.Encode(observations[i].Point, features.AsSpan((i - first) * f, f));
        }

        return features;
    }

    /// <summary>Candidates for a sweep over <paramref name="observations"/> observations: <see cref="GpSamplerOptions.SweepBudget"/> / n, within [1024, CandidateCount].</summary>
    internal int CandidateCount(int observations) =>
        (int)Math.Min(Options.CandidateCount, Math.Max(1024, Options.SweepBudget / Math.Max(1, observations)));

    /// <summary>The confidence parameter of GP-UCB at step t in d dimensions: 0.2 d ln(2t) (Kandasamy et al. 2015's scaling of Srinivas et al.'s bound).</summary>
    internal static double Beta(int dimensions, int step) => 0.2 * dimensions * Math.Log(2.0 * step);

    private (double[] Mean, double[] Variance, double[] LogEi) Score(GpPosterior posterior, double[] candidates, double best)
    {
        var m = candidates.Length / posterior.Dimensions;
        var mean = new double[m];
        var variance = new double[m];
        var logEi = new double[m];
        lock (_scorerGate)
        {
            _scorer.Score(posterior, candidates, best, mean, variance, logEi);
        }

        return (mean, variance, logEi);
    }
}
