namespace AttrHpo;

/// <summary>
/// Finds the next point of a batch: scores a large candidate sweep through an <see cref="ICandidateScorer"/>, then refines
/// the best candidates by bounded BFGS on the acquisition's gradient and snaps them to valid values. Points that coincide
/// with a running trial's point are never returned.
/// </summary>
internal sealed class AcquisitionMaximizer
{
    private const int ExactlyScored = 32;
    private const int MaxRefinementIterations = 40;
    private const int MinRefinementIterations = 5;
    private const double RefinementWork = 6e6;
    private const double Coincidence = 1e-9;

    private readonly FeatureEncoding _encoding;
    private readonly AcquisitionSettings _options;
    private readonly Func<GpPosterior, double[], double, (double[] Mean, double[] Variance, double[] LogEi)> _score;

    public AcquisitionMaximizer(FeatureEncoding encoding, AcquisitionSettings options, Func<GpPosterior, double[], double, (double[] Mean, double[] Variance, double[] LogEi)> score)
    {
        _encoding = encoding;
        _options = options;
        _score = score;
    }

    /// <summary>
    /// The features of the point that maximises batch expected improvement together with <paramref name="pending"/>:
    /// log EI when nothing is pending, Monte Carlo q-EI otherwise (log EI given the pending points where q-EI is zero for every candidate).
    /// </summary>
    /// <param name="process">The fitted process.</param>
    /// <param name="best">The smallest target.</param>
    /// <param name="pending">The running trials' features, row-major.</param>
    /// <param name="candidates">The sweep's candidates, row-major.</param>
    /// <param name="seed">Fixes the Monte Carlo base samples.</param>
    /// <param name="region">Keeps the refinement inside this box (the candidates should lie in it too); <see langword="null"/> for the whole cube.</param>
    /// <param name="evaluated">The finished trials' features, row-major: kept <see cref="AcquisitionSettings.Separation"/> away from when possible.</param>
    public double[] ExpectedImprovement(GaussianProcess process, double best, double[] pending, double[] candidates, ulong seed, TrustRegion? region = null, double[]? evaluated = null)
    {
        var f = _encoding.FeatureCount;
        var conditioned = process.ConditionedOn(pending);
        var (_, _, proxy) = _score(conditioned.ToPosterior(), candidates, best);

        // A trial keeps at least Separation (in some feature) from every running and evaluated point when it can: late in a
        // converged study EI is flat near the best point, and its maximiser would otherwise land within 0.5 % of a point the
        // study knows or a running trial's.
        var separation = Math.Max(Coincidence, _options.Separation);
        var known = evaluated is null ? pending : [.. pending, .. evaluated];
        var ranked = Rank(proxy, candidates, known, ExactlyScored, separation, pending);
        BoundedRefinement.Acquisition logEi = (x, gradient) => LogExpectedImprovementWithGradient(conditioned, x, best, gradient);
        var acquisition = logEi;
        if (pending.Length > 0)
        {
            var batch = new BatchExpectedImprovement(process, pending, best, _options.MonteCarloSamples, seed);
            BoundedRefinement.Acquisition qEi = (x, gradient) => gradient.IsEmpty ? batch.Value(x) : batch.ValueWithGradient(x, gradient);
            if (ranked.Any(c => qEi(candidates.AsSpan(c * f, f), Span<double>.Empty) > 0))
            {
                acquisition = qEi;
            }
        }

        return Refine(acquisition, candidates, ranked, known, process.Count, region, separation, _options.GlobalRefinement);
    }

    /// <summary>
    /// Thompson sampling: the candidate where one joint draw of the latent function, given the observations and the running
    /// points (at their posterior mean), is lowest, kept <see cref="AcquisitionSettings.Separation"/> from the running and
    /// evaluated points when a candidate allows it. No refinement: the draw is over the candidates only.
    /// </summary>
    public double[] ThompsonSample(GaussianProcess process, double[] pending, double[] candidates, Random random, double[]? evaluated = null)
    {
        var f = _encoding.FeatureCount;
        var sample = ThompsonSampling.Draw(process.ConditionedOn(pending), candidates, random);
        var score = new double[sample.Length];
        for (var c = 0; c < score.Length; c++)
        {
            score[c] = -sample[c];
        }

        var known = evaluated is null ? pending : [.. pending, .. evaluated];
        var ranked = Rank(score, candidates, known, 1, Math.Max(Coincidence, _options.Separation), pending);
        return candidates.AsSpan(ranked[0] * f, f).ToArray();
    }

    /// <summary>
    /// GP-UCB-PE (Contal et al. 2013): with nothing pending, the point of lowest lower confidence bound <c>mu - sqrt(beta) sigma</c>;
    /// otherwise the candidate of largest variance given the pending points among those whose lower bound is below the
    /// lowest upper bound <c>mu + sqrt(beta) sigma</c> (over the candidates and the observed points).
    /// </summary>
    public double[] UcbPureExploration(GaussianProcess process, double best, double beta, double[] pending, double[] candidates)
    {
        var f = _encoding.FeatureCount;
        var m = candidates.Length / f;
        var root = Math.Sqrt(beta);
        var (mean, variance, _) = _score(process.ToPosterior(), candidates, best);
        if (pending.Length == 0)
        {
            var score = new double[m];
            for (var c = 0; c < m; c++)
            {
                score[c] = -(mean[c] - (root * Math.Sqrt(variance[c])));
            }

            BoundedRefinement.Acquisition negativeLcb = (x, gradient) => NegativeLowerBoundWithGradient(process, x, root, gradient);
            return Refine(negativeLcb, candidates, Rank(score, candidates, pending, ExactlyScored), pending, process.Count);
        }

        var lowestUpper = double.PositiveInfinity;
        for (var c = 0; c < m; c++)
        {
            lowestUpper = Math.Min(lowestUpper, mean[c] + (root * Math.Sqrt(variance[c])));
        }

        for (var i = 0; i < process.Count; i++)
        {
            var (mu, v) = process.Predict(process.Inputs.AsSpan(i * f, f));
            lowestUpper = Math.Min(lowestUpper, mu + (root * Math.Sqrt(v)));
        }

        var (_, conditionedVariance, _) = _score(process.ConditionedOn(pending).ToPosterior(), candidates, best);
        var relevant = new double[m];
        for (var c = 0; c < m; c++)
        {
            relevant[c] = mean[c] - (root * Math.Sqrt(variance[c])) <= lowestUpper ? conditionedVariance[c] : double.NegativeInfinity;
        }

        var ranked = Rank(relevant, candidates, pending, 1);
        return candidates.AsSpan(ranked[0] * f, f).ToArray();
    }

    /// <summary>
    /// Candidate indices by descending score (ties by index), leaving out those within <paramref name="separation"/> of a point
    /// of <paramref name="pending"/>; when that leaves none, only those that coincide with a point of <paramref name="running"/>
    /// (<paramref name="pending"/> when not given).
    /// </summary>
    private int[] Rank(double[] score, double[] candidates, double[] pending, int take, double separation = Coincidence, double[]? running = null)
    {
        var f = _encoding.FeatureCount;
        var order = Enumerable.Range(0, score.Length).OrderByDescending(c => double.IsNaN(score[c]) ? double.NegativeInfinity : score[c]).ThenBy(c => c);
        var ranked = new List<int>(take);
        foreach (var c in order)
        {
            if (!Coincides(candidates.AsSpan(c * f, f), pending, separation))
            {
                ranked.Add(c);
                if (ranked.Count == take)
                {
                    break;
                }
            }
        }

        if (ranked.Count == 0 && separation > Coincidence)
        {
            return Rank(score, candidates, running ?? pending, take); // every candidate is near a known point: only exact repeats of running ones are ruled out
        }

        if (ranked.Count == 0)
        {
            throw new InvalidOperationException(
                "Every candidate point coincides with a running trial's point: the search space has fewer distinct points than trials running at once. " +
                "Lower the study's parallelism or widen the space.");
        }

        return [.. ranked];
    }

    /// <summary>
    /// Evaluates the best ranked candidates exactly and refines the best <see cref="AcquisitionSettings.RefinementStarts"/> of them
    /// (none outside a trust region unless <paramref name="refineGlobal"/>).
    /// Each evaluation costs O(n^2), so the iterations per start shrink as 6e6 / n^2 (40 up to 387 observations, 5 at the least).
    /// </summary>
    private double[] Refine(
        BoundedRefinement.Acquisition acquisition, double[] candidates, int[] ranked, double[] pending, int observations, TrustRegion? region = null, double separation = Coincidence, bool refineGlobal = true)
    {
        var iterations = (int)Math.Clamp(RefinementWork / ((double)observations * observations), MinRefinementIterations, MaxRefinementIterations);
        var f = _encoding.FeatureCount;
        var scored = ranked.Select(c => (Features: candidates.AsSpan(c * f, f).ToArray(), Value: acquisition(candidates.AsSpan(c * f, f), Span<double>.Empty)))
            .OrderByDescending(s => s.Value).ToList();
        var best = scored[0];
        var free = _options.DiscreteOrderedChoices && (region is null || _options.DiscreteOrderedChoicesInTrustRegion) ? _encoding.RelaxedFeatures : _encoding.FreeFeatures;
        var (lower, upper) = region is null ? (null, null) : KeptOffFaces(region.Lower, region.Upper, _options.RefinementFaceMargin);
        foreach (var start in scored.Take(region is null && !refineGlobal ? 0 : _options.RefinementStarts))
        {
            // With a margin, a candidate on a face starts from the nearest point the narrowed bounds allow.
            var from = _options.RefinementFaceMargin > 0 && lower is not null && upper is not null
                ? [.. start.Features.Select((x, k) => Math.Clamp(x, lower[k], upper[k]))]
                : start.Features;

            var (refined, _) = BoundedRefinement.Maximise(acquisition, from, free, iterations, lower, upper);
            _encoding.SnapInPlace(refined);
            var value = acquisition(refined, Span<double>.Empty);
            if (value > best.Value && !Coincides(refined, pending, separation))
            {
                best = (refined, value);
            }
        }

        return best.Features;
    }

    /// <summary>A trust region's bounds kept <paramref name="margin"/> off the unit cube's faces where the region allows.</summary>
    private static (double[] Lower, double[] Upper) KeptOffFaces(double[] lower, double[] upper, double margin)
    {
        if (margin <= 0)
        {
            return (lower, upper);
        }

        var low = new double[lower.Length];
        var high = new double[upper.Length];
        for (var k = 0; k < low.Length; k++)
        {
            low[k] = Math.Min(Math.Max(lower[k], margin), upper[k]);
            high[k] = Math.Max(Math.Min(upper[k], 1 - margin), low[k]);
        }

        return (low, high);
    }

    private bool Coincides(ReadOnlySpan<double> x, double[] points, double tolerance = Coincidence)
    {
        var f = _encoding.FeatureCount;
        for (var p = 0; p < points.Length / f; p++)
        {
            var same = true;
            for (var j = 0; j < f && same; j++)
            {
                same = Math.Abs(x[j] - points[(p * f) + j]) <= tolerance;
            }

            if (same)
            {
                return true;
            }
        }

        return false;
    }

    internal static double LogExpectedImprovementWithGradient(GaussianProcess process, ReadOnlySpan<double> x, double best, Span<double> gradient)
    {
        if (gradient.IsEmpty)
        {
            var (m, v) = process.Predict(x);
            return LogExpectedImprovement.Compute(m, Math.Sqrt(v), best);
        }

        var d = process.Dimensions;
        var meanGradient = new double[d];
        var varianceGradient = new double[d];
        var (mean, variance) = process.PredictWithGradient(x, meanGradient, varianceGradient, new double[process.Count], new double[process.Count * d]);
        var sigma = Math.Sqrt(variance);
        var value = LogExpectedImprovement.Compute(mean, sigma, best);
        var (dMean, dSigma) = LogExpectedImprovementSlope.Compute(mean, sigma, best, value);
        for (var j = 0; j < d; j++)
        {
            gradient[j] = (dMean * meanGradient[j]) + (sigma > 0 ? dSigma * varianceGradient[j] / (2 * sigma) : 0);
        }

        return value;
    }

    internal static double NegativeLowerBoundWithGradient(GaussianProcess process, ReadOnlySpan<double> x, double root, Span<double> gradient)
    {
        if (gradient.IsEmpty)
        {
            var (m, v) = process.Predict(x);
            return -(m - (root * Math.Sqrt(v)));
        }

        var d = process.Dimensions;
        var meanGradient = new double[d];
        var varianceGradient = new double[d];
        var (mean, variance) = process.PredictWithGradient(x, meanGradient, varianceGradient, new double[process.Count], new double[process.Count * d]);
        var sigma = Math.Sqrt(variance);
        for (var j = 0; j < d; j++)
        {
            gradient[j] = -meanGradient[j] + (sigma > 0 ? root * varianceGradient[j] / (2 * sigma) : 0);
        }

        return -(mean - (root * sigma));
    }
}
