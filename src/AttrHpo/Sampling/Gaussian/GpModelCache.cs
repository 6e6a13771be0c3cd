namespace AttrHpo;

/// <summary>
/// Fits the GP to a history and keeps the result, so the workers of a batch, which see the same history, share one fit and
/// one factorisation. Fits are warm-started deterministically: the hyperparameters for n observations start from a cold fit
/// (several random starts) of the first c(n) of them, a checkpoint that moves every n/8 or so observations, and that cold
/// fit is cached too. So a suggestion depends only on its context, never on which contexts came before. Beyond
/// <see cref="GpSamplerOptions.MaxFitObservations"/> observations the checkpoint's fit is used between checkpoints without
/// refitting, and the checkpoint's Cholesky factor is cached and extended by the observations since, so most batches pay
/// only O(n^2) per new observation and the sweeps.
/// </summary>
/// <remarks>Thread-safe: one lock guards the cache; a fit runs under it, so concurrent workers wait for one fit rather than repeat it.</remarks>
internal sealed class GpModelCache
{
    private const int IncumbentCount = 5;
    private const int ColdRandomStarts = 3;
    private const int ColdIterations = 60;
    private const int WarmIterations = 25;

    private readonly object _gate = new();
    private readonly GpSamplerOptions _options;
    private (ulong Key, FittedModel Model)? _last;
    private (ulong Key, Fitted Fit)? _checkpoint;
    private (ulong Key, GaussianProcess Process)? _checkpointProcess;

    public GpModelCache(GpSamplerOptions options) => _options = options;

    /// <summary>The model for <paramref name="observations"/> (at least two of them finite), fitting it unless the same history was just fitted.</summary>
    public FittedModel Get(IReadOnlyList<Observation> observations, FeatureEncoding encoding, ulong seed)
    {
        var key = HistoryKey(observations, observations.Count);
        lock (_gate)
        {
            if (_last is { } last && last.Key == key)
            {
                return last.Model;
            }

            var model = Fit(observations, encoding, seed);
            _last = (key, model);
            return model;
        }
    }

    private FittedModel Fit(IReadOnlyList<Observation> observations, FeatureEncoding encoding, ulong seed)
    {
        var n = observations.Count;
        var checkpoint = n <= _options.ColdFitObservations ? n : Checkpoint(n);
        Fitted? warm = null;
        if (checkpoint < n)
        {
            var checkpointKey = HistoryKey(observations, checkpoint);
            if (_checkpoint is not { } cached || cached.Key != checkpointKey)
            {
                _checkpoint = (checkpointKey, FitAt(observations, checkpoint, encoding, null, ColdRandomStarts, ColdIterations, seed));
            }

            warm = _checkpoint.Value.Fit;
        }

        // Past MaxFitObservations the hyperparameters move slowly: between checkpoints the checkpoint's fit is used as it is.
        var fit = warm is null
            ? FitAt(observations, n, encoding, null, ColdRandomStarts, ColdIterations, seed)
            : n > _options.MaxFitObservations ? warm : FitAt(observations, n, encoding, warm, 0, WarmIterations, seed);
        var hyperparameters = fit.Hyperparameters;
        encoding = fit.Encoding;
        var (inputs, targets, priorMean) = Data(observations, n, encoding, _options.MaxPosteriorObservations);
        var f = encoding.FeatureCount;
        GaussianProcess process;
        if (ReferenceEquals(fit, warm) && n <= _options.MaxPosteriorObservations)
        {
            // Between checkpoints, with fixed hyperparameters and every observation in the posterior: extend the checkpoint's
            // factorisation by the observations since, O(c^2 (n - c)) instead of O(n^3). The result depends only on the
            // history (the same base, extended by the same block), so suggestions stay deterministic.
            var checkpointKey = HistoryKey(observations, checkpoint);
            if (_checkpointProcess is not { } cached || cached.Key != checkpointKey)
            {
                _checkpointProcess = (checkpointKey, new GaussianProcess(inputs[..(checkpoint * f)], f, targets[..checkpoint], hyperparameters, priorMean));
            }

            process = _checkpointProcess.Value.Process.Extended(inputs.AsSpan(checkpoint * f), targets, priorMean);
        }
        else
        {
            process = new GaussianProcess(inputs, f, targets, hyperparameters, priorMean);
        }

        if (_options.FittedPriorMean)
        {
            process = process.Extended([], process.Targets, GeneralisedLeastSquaresMean(process));
        }

        var scores = _options.NoisyIncumbent ? PosteriorMeans(process) : targets;
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ThenBy(i => i).Take(IncumbentCount).ToArray();
        var incumbents = new double[order.Length * f];
        for (var k = 0; k < order.Length; k++)
        {
            inputs.AsSpan(order[k] * f, f).CopyTo(incumbents.AsSpan(k * f, f));
        }

        return new FittedModel(process, scores[order[0]], incumbents, n, encoding);
    }

    /// <summary>The posterior mean at each of the process's own points (no variance: one kernel row each, O(n^2 d) in all).</summary>
    private static double[] PosteriorMeans(GaussianProcess process)
    {
        var means = new double[process.Count];
        var row = new double[process.Count];
        for (var i = 0; i < process.Count; i++)
        {
            process.KernelRow(process.Inputs.AsSpan(i * process.Dimensions, process.Dimensions), row);
            means[i] = process.MeanOfRow(row);
        }

        return means;
    }

    /// <summary>
    /// The hyperparameters for the first <paramref name="count"/> observations, warm-started from <paramref name="warm"/>; with
    /// <see cref="GpSamplerOptions.InputWarping"/>, then the warps chosen at them (<see cref="InputWarping"/>) and the
    /// hyperparameters refitted under the warps.
    /// </summary>
    private Fitted FitAt(IReadOnlyList<Observation> observations, int count, FeatureEncoding encoding, Fitted? warm, int randomStarts, int iterations, ulong seed)
    {
        var unwarped = FitHyperparameters(observations, count, encoding, warm is null ? [] : [warm.Unwarped], randomStarts, iterations, seed);
        if (!_options.InputWarping || encoding.FreeFeatures.Count == 0)
        {
            return new Fitted(unwarped, encoding, unwarped);
        }

        var (inputs, targets, priorMean) = Data(observations, count, encoding, _options.MaxFitObservations);
        var (a, b) = InputWarping.Choose(encoding, inputs, targets, priorMean, unwarped);
        var warped = encoding.WithWarps(a, b);
        GpHyperparameters[] starts = warm is null ? [unwarped] : [unwarped, warm.Hyperparameters];
        return new Fitted(unwarped, warped, FitHyperparameters(observations, count, warped, starts, 0, WarmIterations, seed));
    }

    private GpHyperparameters FitHyperparameters(
        IReadOnlyList<Observation> observations, int count, FeatureEncoding encoding, GpHyperparameters[] warm, int randomStarts, int iterations, ulong seed)
    {
        var (inputs, targets, priorMean) = Data(observations, count, encoding, _options.MaxFitObservations);
        var fitter = new GpFitter(GpFitBounds.Default, _options.MaximumAPosteriori, randomStarts, iterations);
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(SeedMixer.TrialSeed(seed ^ 0x6A09E667F3BCC908UL, count), threadSafe: false);
        return fitter.Fit(inputs, encoding.FeatureCount, targets, priorMean, warm, random).Hyperparameters;
    }

    /// <summary>
    /// Features and standardised targets of the first <paramref name="count"/> observations, subset to at most
    /// <paramref name="limit"/>, and the prior mean (<see cref="PriorMeanLevel"/>) of all of them.
    /// </summary>
    private (double[] Inputs, double[] Targets, double PriorMean) Data(IReadOnlyList<Observation> observations, int count, FeatureEncoding encoding, int limit)
    {
        var losses = new double[count];
        var ranking = new double[count];
        for (var i = 0; i < count; i++)
        {
            losses[i] = observations[i].Loss;
            ranking[i] = double.IsFinite(losses[i]) ? losses[i] : double.PositiveInfinity;
        }

        // Transform and standardise over every observation, so that the subset's targets keep the scale (and the best) of
        // the whole history; failed trials (non-finite losses) are imputed as the worst target and rank last for the subset.
        var allTargets = TargetTransform.Apply(_options.OutputTransform, losses);
        var chosen = ObservationSubset.Select(ranking, limit);
        var f = encoding.FeatureCount;
        var inputs = new double[chosen.Length * f];
        var targets = new double[chosen.Length];
        for (var k = 0; k < chosen.Length; k++)
        {
            encoding.Encode(observations[chosen[k]].Point, inputs.AsSpan(k * f, f));
            targets[k] = allTargets[chosen[k]];
        }

        return (inputs, targets, PriorMeanLevel.Of(_options.PriorMeanQuantile, allTargets));
    }

    /// <summary>The constant mean that maximises the likelihood at the process's hyperparameters: 1^T K^-1 y / 1^T K^-1 1.</summary>
    private static double GeneralisedLeastSquaresMean(GaussianProcess process)
    {
        var n = process.Count;
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        var targets = (double[])process.Targets.Clone();
        TriangularSolve.Lower(process.Lower, n, ones);
        TriangularSolve.Lower(process.Lower, n, targets);
        double numerator = 0, denominator = 0;
        for (var i = 0; i < n; i++)
        {
            numerator += ones[i] * targets[i];
            denominator += ones[i] * ones[i];
        }

        return denominator > 0 ? numerator / denominator : process.PriorMean;
    }

    /// <summary>The checkpoint of n observations: n rounded down to a multiple of max(4, the power of two at or below n / 8).</summary>
    internal static int Checkpoint(int n)
    {
        var step = Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (n / 8) + 1)) / 2);
        return n - (n % step);
    }

    private static ulong HistoryKey(IReadOnlyList<Observation> observations, int count)
    {
        var key = SeedMixer.Mix((ulong)count);
        for (var i = 0; i < count; i++)
        {
            key = SeedMixer.Mix(key ^ (ulong)BitConverter.DoubleToInt64Bits(observations[i].Loss));
            foreach (var u in observations[i].Point)
            {
                key = SeedMixer.Mix(key ^ (ulong)BitConverter.DoubleToInt64Bits(u));
            }
        }

        return key;
    }

    /// <summary>A fit: the hyperparameters on unwarped features, the encoding (warped or not) and the hyperparameters under it.</summary>
    private sealed record Fitted(GpHyperparameters Unwarped, FeatureEncoding Encoding, GpHyperparameters Hyperparameters);
}
