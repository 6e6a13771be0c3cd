namespace AttrHpo;

/// <summary>Settings of <see cref="GpSampler"/>. The defaults suit most studies.</summary>
public sealed record GpSamplerOptions
{
    /// <summary>How points are chosen while other trials run. Default: batch expected improvement.</summary>
    public GpBatchStrategy BatchStrategy { get; init; } = GpBatchStrategy.ExpectedImprovement;

    /// <summary>
    /// The number of trials drawn from a scrambled Sobol design before the model takes over; <see langword="null"/> (the
    /// default) for 2 d + 1 with d the number of hyperparameters. The model also waits until at least two trials have finished,
    /// so a first batch larger than the design is still drawn from it. A history that already holds this many trials (a new
    /// version of a study warm-started from its earlier versions) ends the design at once.
    /// </summary>
    public int? InitialDesignSize { get; init; }

    /// <summary>
    /// A transform of the losses before they are standardised. Default: <see cref="GpOutputTransform.Auto"/>, chosen from the
    /// losses at every fit (a Yeo-Johnson power transform with a fitted exponent, ranks mapped to normal quantiles when it
    /// leaves a long tail of bad losses), with diverged runs clipped to the far-out fence
    /// so they cannot flatten the model. <see cref="GpOutputTransform.None"/>, <see cref="GpOutputTransform.Log"/>,
    /// <see cref="GpOutputTransform.Power"/> and <see cref="GpOutputTransform.RankGaussian"/> apply exactly that transform
    /// and clip nothing. With any of them, failed trials (non-finite losses) are imputed as the worst target.
    /// </summary>
    public GpOutputTransform OutputTransform { get; init; } = GpOutputTransform.Auto;

    /// <summary>
    /// The GP's constant prior mean, as a quantile of the standardised targets (0 the best, 1 the worst); <see langword="null"/>
    /// for their average (0). A pessimistic prior mean makes unexplored regions look like the bad trials rather than like
    /// the average one, so expected improvement stops favouring the box's corners for their variance alone. Default: null.
    /// </summary>
    public double? PriorMeanQuantile { get; init; }

    /// <summary>
    /// The share of trials (after the initial design) whose point is searched only within a trust region around the best
    /// observed point rather than over the whole space, spread evenly over trial numbers; 0 for none, 1 for all. Applies to
    /// <see cref="GpBatchStrategy.ExpectedImprovement"/>. Default 0.5 (every other trial): on the breast-cancer MLP
    /// benchmark (docs/benchmarks.md) expected improvement over the whole box kept proposing the box's corners, and half the
    /// trials local took the median best loss at 60 runs from 0.044 to about 0.034; 0 restores the global search alone.
    /// </summary>
    public double TrustRegionShare { get; init; } = 0.5;

    /// <summary>
    /// The trust region's side on the unit cube before it is stretched by the length scales (see <see cref="TrustRegionShare"/>).
    /// Default 0.4.
    /// </summary>
    public double TrustRegionLength { get; init; } = 0.4;

    /// <summary>
    /// The trust region's side halves for every this many observations since the best loss was reached (TuRBO's shrinking
    /// on failures), down to 1/32 of <see cref="TrustRegionLength"/>; 0 keeps it fixed. Default 0.
    /// </summary>
    public int TrustRegionPatience { get; init; }

    /// <summary>
    /// Experimental, 1 (off): the trust region of successive trust-region trials is centred in turn on the best, the second
    /// best, ... of this many observed points (by posterior mean with <see cref="NoisyIncumbent"/>), so the local search
    /// keeps several good regions alive, as a Parzen estimator's draws around its good points do. Benchmark samplers
    /// <c>gp-trc2</c> and <c>gp-trc3</c>.
    /// </summary>
    internal int TrustRegionCentres { get; init; } = 1;

    /// <summary>
    /// The probability that a trust-region candidate keeps the best point's value of each choice (otherwise it draws one
    /// uniformly). Default 0.8.
    /// </summary>
    public double TrustRegionChoiceKeep { get; init; } = 0.8;

    /// <summary>
    /// With a positive count, a trust-region trial (<see cref="TrustRegionShare"/>) takes the lowest point of one Thompson
    /// sample of the GP (a joint draw of the latent function given the finished and the running trials) over this many
    /// scrambled Sobol points of the trust region, as TuRBO does, instead of maximising batch expected improvement there:
    /// draws spread a batch over the region where expected improvement tends to pile it onto one spot. Its cost grows as
    /// the cube of the count (a Cholesky factor per trial); 512 takes tens of milliseconds. 0 keeps expected improvement. Default 0.
    /// </summary>
    public int TrustRegionThompsonSampling { get; init; }

    /// <summary>
    /// Encode a choice whose labels are all numbers in increasing or decreasing order (a batch size of 8, 16, 32, 64 or 128,
    /// say) as one ordered feature, like an integer's, with the values evenly spaced in their listed order, rather than
    /// one-hot: neighbouring values then inform each other and the choice costs the GP one length scale rather than one per
    /// value. Other choices stay one-hot. Default on: on the breast-cancer MLP benchmark (docs/benchmarks.md, "Real training
    /// runs: after the input/encoding work") it took the median best loss at 60 runs from 0.034 to 0.032 (ask/tell, seeds
    /// 0..19); false restores one-hot for every choice.
    /// </summary>
    public bool OrderedChoices { get; init; } = true;

    /// <summary>
    /// Experimental, off: global candidates treat an ordered choice (<see cref="OrderedChoices"/>) as a choice rather than as
    /// a continuous input: the perturbed incumbents redraw it as they do a one-hot choice instead of stepping it, and the
    /// refinement does not move it. Measured on the breast-cancer MLP (docs/benchmarks.md, "Global search at the box's
    /// edges"): no better than the default. Benchmark sampler <c>gp-dch</c>.
    /// </summary>
    internal bool DiscreteOrderedChoices { get; init; }

    /// <summary>
    /// Experimental, off: with <see cref="DiscreteOrderedChoices"/>, trust-region candidates too keep or redraw an ordered choice
    /// as a one-hot one (<see cref="TrustRegionChoiceKeep"/>) instead of drawing it within the box. Worse than the default on
    /// the breast-cancer MLP. Benchmark sampler <c>gp-dch-tr</c>.
    /// </summary>
    internal bool DiscreteOrderedChoicesInTrustRegion { get; init; }

    /// <summary>
    /// Refine the suggestions searched over the whole space (not those of the trust region, <see cref="TrustRegionShare"/>)
    /// by bounded BFGS from the best candidates, as the trust region's are. Default off: the best scored candidate is taken
    /// as it is, because that refinement stops on the cube's faces (a bound of a real, an end of an integer or of an ordered
    /// choice) far more often than the candidates lie there; on the breast-cancer MLP, off lowered the median best loss at
    /// 60 runs in every finish order of the asynchronous replay and kept every benchmark function's target
    /// (docs/benchmarks.md, "Global search at the box's edges"). <see cref="RefinementStarts"/> 0 turns off the trust
    /// region's refinement too (that lost levy6). Applies to <see cref="GpBatchStrategy.ExpectedImprovement"/>.
    /// </summary>
    public bool GlobalRefinement { get; init; }

    /// <summary>
    /// Warp each continuous and integer input by a Kumaraswamy CDF <c>1 - (1 - u^a)^b</c> chosen at every fit, so the GP can
    /// model a loss that changes fast near one end of a range and slowly elsewhere (Snoek et al. 2014). Each input's (a, b)
    /// is picked from a 5 x 5 grid of exponents in [0.5, 2] by marginal likelihood with a log-normal prior at the kernel's
    /// fitted hyperparameters, then the kernel is refitted under the warps. Default off.
    /// </summary>
    public bool InputWarping { get; init; }

    /// <summary>
    /// The least distance, in some unit-cube coordinate, a trial keeps from every running point and the last sixteen evaluated
    /// ones when any candidate allows it (otherwise only exact repeats of a running point are ruled out): a converged study
    /// otherwise spends trial after trial within 0.5 % of the point it just evaluated, and parallel workers get points within
    /// 0.5 % of each other. 0 allows any point but the running ones. Default 0.005.
    /// </summary>
    public double Separation { get; init; } = 0.005;

    /// <summary>
    /// The most quasi-random candidates scored per suggestion before local refinement. Default 4096. With many observations
    /// the sweep shrinks so that observations x candidates stays near <see cref="SweepBudget"/>, down to 1024 candidates.
    /// </summary>
    public int CandidateCount { get; init; } = 4096;

    /// <summary>The observations x candidates product a sweep aims at (its cost is proportional to it). Default 500,000.</summary>
    public long SweepBudget { get; init; } = 500_000;

    /// <summary>
    /// The number of best candidates refined by bounded BFGS (in the trust region; over the whole space with
    /// <see cref="GlobalRefinement"/> or <see cref="GpBatchStrategy.UcbPureExploration"/>). Default 3.
    /// </summary>
    public int RefinementStarts { get; init; } = 3;

    /// <summary>The number of quasi-random samples of the joint posterior for batch expected improvement. Default 256.</summary>
    public int MonteCarloSamples { get; init; } = 256;

    /// <summary>
    /// Fit the kernel by maximum a posteriori with the priors documented on <see cref="GpSampler"/> rather than by plain maximum
    /// likelihood. Default off: on the benchmark objectives (docs/benchmarks.md), with the default output transform, both
    /// beat the targets; maximum likelihood found the global basin of hartmann6 more often, the priors' long length scales
    /// did better on levy6.
    /// </summary>
    public bool MaximumAPosteriori { get; init; }

    /// <summary>
    /// The most observations the kernel's hyperparameters are fitted on (the best half and an even spread of the rest beyond
    /// it); past this many, hyperparameters are refitted only at checkpoints (every eighth or so of the history). Default 128.
    /// </summary>
    public int MaxFitObservations { get; init; } = 128;

    /// <summary>
    /// Replace the constant prior mean, after the kernel is fitted, by its maximum-likelihood value at the fitted kernel
    /// (the generalised least-squares mean of the targets) instead of the targets' average or <see cref="PriorMeanQuantile"/>.
    /// Default off: on the breast-cancer MLP (docs/benchmarks.md, "Why <c>optimize</c> trailed ask/tell") it was level with
    /// the average over 40 seeds.
    /// </summary>
    public bool FittedPriorMean { get; init; }

    /// <summary>
    /// How far from the unit cube's faces (in [0, 0.5)) the gradient refinement of a trust-region suggestion stops, so that
    /// refinement does not push learning rates and widths onto their bounds; candidates themselves may still lie there.
    /// Default 0.02: with <see cref="NoisyIncumbent"/> it took the breast-cancer MLP's median best loss below Optuna TPE's at
    /// 40 and 60 on both paths, by small margins (docs/benchmarks.md, "The trust region's refinement off the faces, again");
    /// 0 lets refinement reach the faces.
    /// </summary>
    public double RefinementFaceMargin { get; init; } = 0.02;

    /// <summary>
    /// Measure improvement against the smallest posterior mean at the observed points, and centre the trust region on the
    /// point that has it, instead of the smallest observed value and its point (plug-in expected improvement for noisy
    /// objectives, Picheny et al. 2013). A lucky draw of a noisy objective (a training run's validation loss) then no longer
    /// sets the bar. On an objective without noise the fitted noise is near zero and the two agree. Default on: on the
    /// breast-cancer MLP (docs/benchmarks.md, "The incumbent from the posterior mean") it closed most of the gap to TPE over
    /// 80 seeds; <see langword="false"/> restores the smallest observed value.
    /// </summary>
    public bool NoisyIncumbent { get; init; } = true;

    /// <summary>
    /// Histories of at most this many observations get a cold fit (several random starts) at every suggestion rather than a
    /// fit warm-started from a checkpoint of fewer observations. Ask/tell batches of four are fitted cold below 64 anyway
    /// (their histories hold multiples of four observations, each a checkpoint there); 64 fits <c>OptimizeAsync</c>'s
    /// one-at-a-time suggestions the same way. 0 for none. Default 0: on the breast-cancer MLP (docs/benchmarks.md, "Why
    /// <c>optimize</c> trailed ask/tell") 64 made no difference over 40 seeds and three finish orders.
    /// </summary>
    public int ColdFitObservations { get; init; }

    /// <summary>The most observations the posterior conditions on (a subset of data beyond it: the best half and an even spread of the rest). Default 1000.</summary>
    public int MaxPosteriorObservations { get; init; } = 1000;

    /// <summary>
    /// Where the candidate sweep is scored. Default: <see cref="GpCandidateSweep.Managed"/>, managed code over the machine's cores;
    /// the AttrHpo.Gpu package adds <c>GpCandidateSweep.Auto</c> (CUDA for large sweeps when a GPU is present), <c>Cuda</c> and <c>IlgpuCpu</c>.
    /// </summary>
    public GpCandidateSweep Sweep { get; init; } = GpCandidateSweep.Managed;

    /// <summary>Checks every setting and says which one is wrong and how to fix it.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    internal void Validate()
    {
        Require(InitialDesignSize is null or >= 1, $"InitialDesignSize is {InitialDesignSize}; use 1 or more, or null for 2 d + 1.");
        Require(PriorMeanQuantile is null or (>= 0 and <= 1), $"PriorMeanQuantile is {PriorMeanQuantile}; use a quantile in [0, 1] or null for the average.");
        Require(TrustRegionShare is >= 0 and <= 1, $"TrustRegionShare is {TrustRegionShare}; use a share in [0, 1].");
        Require(TrustRegionLength is > 0 and <= 2, $"TrustRegionLength is {TrustRegionLength}; use a side in (0, 2].");
        Require(TrustRegionPatience >= 0, $"TrustRegionPatience is {TrustRegionPatience}; use 0 (a fixed side) or more.");
        Require(TrustRegionCentres is >= 1 and <= 5, $"TrustRegionCentres is {TrustRegionCentres}; use 1 to 5.");
        Require(TrustRegionChoiceKeep is >= 0 and <= 1, $"TrustRegionChoiceKeep is {TrustRegionChoiceKeep}; use a probability in [0, 1].");
        Require(TrustRegionThompsonSampling is >= 0 and <= 4096, $"TrustRegionThompsonSampling is {TrustRegionThompsonSampling}; use 0 (expected improvement) or a candidate count up to 4096 (512 is a good choice).");
        Require(Separation is >= 0 and < 1, $"Separation is {Separation}; use a distance in [0, 1).");
        Require(RefinementFaceMargin is >= 0 and < 0.5, $"RefinementFaceMargin is {RefinementFaceMargin}; use a distance in [0, 0.5), 0 to let refinement reach the faces.");
        Require(CandidateCount >= 1, $"CandidateCount is {CandidateCount}; use at least 1 (4096 is a good default).");
        Require(SweepBudget >= 1, $"SweepBudget is {SweepBudget}; use at least 1 (500000 is a good default).");
        Require(RefinementStarts >= 0, $"RefinementStarts is {RefinementStarts}; use 0 (no refinement) or more.");
        Require(MonteCarloSamples >= 1, $"MonteCarloSamples is {MonteCarloSamples}; use at least 1 (256 is a good default).");
        Require(ColdFitObservations >= 0, $"ColdFitObservations is {ColdFitObservations}; use 0 (checkpoints only) or more.");
        Require(MaxFitObservations >= 2, $"MaxFitObservations is {MaxFitObservations}; use at least 2.");
        Require(MaxPosteriorObservations >= MaxFitObservations, $"MaxPosteriorObservations ({MaxPosteriorObservations}) is below MaxFitObservations ({MaxFitObservations}); raise it.");
        Require(Enum.IsDefined(BatchStrategy), $"BatchStrategy {BatchStrategy} is not a defined strategy.");
        Require(Sweep is not null, "Sweep is null; leave it at GpCandidateSweep.Managed, or set a sweep of the AttrHpo.Gpu package.");
        Require(Enum.IsDefined(OutputTransform), $"OutputTransform {OutputTransform} is not a defined transform.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"GpSamplerOptions: {message}");
        }
    }
}
