namespace AttrHpo;

/// <summary>
/// A box around the best observed point in which some suggestions are searched (<see cref="GpSamplerOptions.TrustRegionShare"/>),
/// after TuRBO (Eriksson et al. 2019): side <see cref="GpSamplerOptions.TrustRegionLength"/> on the unit cube, stretched along
/// the inputs the GP finds smooth and shrunk along the ones it finds rough (each side proportional to its length scale,
/// the product of the sides kept at length^d), clipped to the cube. A choice keeps the best point's value with probability
/// <see cref="GpSamplerOptions.TrustRegionChoiceKeep"/> (0.8) per candidate. Searching there keeps a share of each batch on refining the best region, where expected improvement
/// over the whole box tends to spend points on corners that only look promising for their variance.
/// </summary>
internal sealed class TrustRegion
{
    private readonly FeatureEncoding _encoding;
    private readonly SearchSpace _space;
    private readonly double[] _centre;

    private TrustRegion(FeatureEncoding encoding, SearchSpace space, double[] centre, double[] lower, double[] upper)
    {
        _encoding = encoding;
        _space = space;
        _centre = centre;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The lower bounds of the box, per feature (0 and 1 for the one-hot features).</summary>
    public double[] Lower { get; }

    /// <summary>The upper bounds of the box, per feature.</summary>
    public double[] Upper { get; }

    /// <summary>Whether trial <paramref name="trialNumber"/> is searched in the trust region: a deterministic share of the trials.</summary>
    public static bool Applies(double share, int trialNumber)
    {
        if (share <= 0)
        {
            return false;
        }

        // Spread the share evenly over trial numbers: trial t is local when floor((t + 1) s) > floor(t s).
        return Math.Floor((trialNumber + 1) * share) > Math.Floor(trialNumber * share);
    }

    /// <summary>
    /// The side for a history: <paramref name="length"/> halved for every <paramref name="patience"/> observations since the
    /// best loss was first reached (TuRBO's shrinking on failures, read from the history so that it needs no state), down to
    /// 1/32 of it; <paramref name="patience"/> 0 keeps the side fixed.
    /// </summary>
    public static double SideFor(IReadOnlyList<Observation> observations, double length, int patience)
    {
        if (patience <= 0 || observations.Count == 0)
        {
            return length;
        }

        var best = 0;
        for (var i = 1; i < observations.Count; i++)
        {
            if (observations[i].Loss < observations[best].Loss)
            {
                best = i;
            }
        }

        var halvings = Math.Min(5, (observations.Count - 1 - best) / patience);
        return length / (1 << halvings);
    }

    /// <summary>The box around <paramref name="best"/> (features of the best point) for a process's length scales.</summary>
    public static TrustRegion Around(FeatureEncoding encoding, SearchSpace space, ReadOnlySpan<double> best, double[] lengthScales, double length)
    {
        var f = encoding.FeatureCount;
        var free = encoding.FreeFeatures;
        var lower = new double[f];
        var upper = new double[f];
        Array.Fill(upper, 1.0);
        if (free.Count > 0)
        {
            var logMean = 0.0;
            foreach (var k in free)
            {
                logMean += Math.Log(lengthScales[k]) / free.Count;
            }

            foreach (var k in free)
            {
                var half = 0.5 * length * Math.Exp(Math.Log(lengthScales[k]) - logMean);
                lower[k] = Math.Max(0, best[k] - half);
                upper[k] = Math.Min(1, best[k] + half);
            }
        }

        return new TrustRegion(encoding, space, encoding.Decode(best), lower, upper);
    }

    /// <summary><paramref name="count"/> candidates in the box, row-major features: scrambled Sobol points of the box, snapped to valid values.</summary>
    /// <param name="count">How many candidates.</param>
    /// <param name="sobolSeed">Scrambles the Sobol points.</param>
    /// <param name="random">Draws the choices.</param>
    /// <param name="choiceKeepProbability">The probability that a candidate keeps the best point's value of a choice (else a uniform draw).</param>
    /// <param name="discreteOrderedChoices">Keep or draw an ordered choice as a one-hot one rather than within the box.</param>
    public double[] Candidates(int count, ulong sobolSeed, Random random, double choiceKeepProbability = 0.8, bool discreteOrderedChoices = false)
    {
        var f = _encoding.FeatureCount;
        var candidates = new double[count * f];
        var point = new double[_space.Count];
        for (var c = 0; c < count; c++)
        {
            SobolSampler.Fill((uint)c, sobolSeed, scramble: true, point);
            var row = candidates.AsSpan(c * f, f);
            var unit = (double[])_centre.Clone();
            for (var i = 0; i < _space.Count; i++)
            {
                if (_encoding.IsOneHot(i) || (discreteOrderedChoices && _encoding.IsOrderedChoice(i)))
                {
                    unit[i] = random.NextDouble() < choiceKeepProbability ? _centre[i] : point[i];
                }
            }

            _encoding.Encode(unit, row);
            for (var j = 0; j < _encoding.FreeFeatures.Count; j++)
            {
                var k = _encoding.FreeFeatures[j];
                if (discreteOrderedChoices && _encoding.IsOrderedChoice(_encoding.FreeDimensions[j]))
                {
                    continue;
                }

                row[k] = Lower[k] + (point[_encoding.FreeDimensions[j]] * (Upper[k] - Lower[k]));
            }

            _encoding.SnapInPlace(row);
        }

        return candidates;
    }

    /// <summary>Clamps the free features of <paramref name="features"/> into the box.</summary>
    public void Clamp(Span<double> features)
    {
        foreach (var k in _encoding.FreeFeatures)
        {
            features[k] = Math.Clamp(features[k], Lower[k], Upper[k]);
        }
    }
}
