namespace AttrHpo;

/// <summary>
/// A Gaussian process conditioned on observations: Matern 5/2 kernel, constant prior mean, Gaussian noise.
/// Holds the Cholesky factor of the training covariance and <c>alpha = K^-1 (y - m)</c>, so predictions cost O(n^2) each.
/// </summary>
internal sealed class GaussianProcess
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>Conditions the process on <paramref name="targets"/> observed at <paramref name="inputs"/>.</summary>
    /// <param name="inputs">n points, row-major n x <paramref name="dimensions"/>.</param>
    /// <param name="dimensions">The number of input dimensions.</param>
    /// <param name="targets">The n observed values.</param>
    /// <param name="hyperparameters">The kernel's hyperparameters (one length scale per dimension).</param>
    /// <param name="priorMean">The constant prior mean.</param>
    /// <exception cref="ArgumentException">Sizes disagree or a target is not finite.</exception>
    /// <exception cref="GpNumericalException">The covariance stays singular under jitter.</exception>
    public GaussianProcess(double[] inputs, int dimensions, double[] targets, GpHyperparameters hyperparameters, double priorMean = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        if (hyperparameters.LengthScales.Length != dimensions || inputs.Length != targets.Length * dimensions)
        {
            throw new ArgumentException(
                $"A GP over {dimensions} dimensions needs {dimensions} length scales and {dimensions} input values per target, " +
                $"but got {hyperparameters.LengthScales.Length} length scales and {inputs.Length} input values for {targets.Length} targets.",
                nameof(inputs));
        }

        foreach (var target in targets)
        {
            if (!double.IsFinite(target))
            {
                throw new ArgumentException($"A GP target is {target}; leave out observations whose value is not finite.", nameof(targets));
            }
        }

        Inputs = inputs;
        Dimensions = dimensions;
        Targets = targets;
        Hyperparameters = hyperparameters;
        PriorMean = priorMean;
        var n = targets.Length;
        Lower = JitteredCholesky.Factor(TrainingCovariance(inputs, n, dimensions, hyperparameters), n, out var jitter);
        Jitter = jitter;
        Alpha = SolveCentred(targets);
        LogMarginalLikelihood = ComputeLogMarginalLikelihood();
    }

    private GaussianProcess(GaussianProcess source, double[] inputs, double[] targets, double[] lower, double priorMean)
    {
        Inputs = inputs;
        Dimensions = source.Dimensions;
        Targets = targets;
        Hyperparameters = source.Hyperparameters;
        PriorMean = priorMean;
        Jitter = source.Jitter;
        Lower = lower;
        Alpha = SolveCentred(targets);
        LogMarginalLikelihood = ComputeLogMarginalLikelihood();
    }

    /// <summary>The training points, row-major.</summary>
    public double[] Inputs { get; }

    /// <summary>The number of input dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>The number of training points.</summary>
    public int Count => Targets.Length;

    /// <summary>The observed values.</summary>
    public double[] Targets { get; }

    /// <summary>The kernel's hyperparameters.</summary>
    public GpHyperparameters Hyperparameters { get; }

    /// <summary>The constant prior mean.</summary>
    public double PriorMean { get; }

    /// <summary>The jitter added to the diagonal beside the noise variance (0 when the matrix factored without it).</summary>
    public double Jitter { get; }

    /// <summary>The lower Cholesky factor of <c>K + (noise + jitter) I</c>, row-major n x n.</summary>
    public double[] Lower { get; }

    /// <summary><c>K^-1 (y - m)</c>.</summary>
    public double[] Alpha { get; }

    /// <summary>The log marginal likelihood of the targets under the hyperparameters.</summary>
    public double LogMarginalLikelihood { get; }

    /// <summary>The training covariance <c>K(X, X) + noise I</c>, row-major (jitter not included).</summary>
    public static double[] TrainingCovariance(double[] inputs, int n, int dimensions, GpHyperparameters hyperparameters)
    {
        var covariance = new double[n * n];
        var scales = hyperparameters.LengthScales;
        var signal = hyperparameters.SignalVariance;
        for (var i = 0; i < n; i++)
        {
            var a = inputs.AsSpan(i * dimensions, dimensions);
            covariance[(i * n) + i] = signal + hyperparameters.NoiseVariance;
            for (var j = 0; j < i; j++)
            {
                var value = Matern52Kernel.Covariance(a, inputs.AsSpan(j * dimensions, dimensions), scales, signal);
                covariance[(i * n) + j] = value;
                covariance[(j * n) + i] = value;
            }
        }

        return covariance;
    }

    /// <summary>Writes the kernel between <paramref name="x"/> and every training point into <paramref name="row"/>.</summary>
    public void KernelRow(ReadOnlySpan<double> x, Span<double> row)
    {
        var scales = Hyperparameters.LengthScales;
        for (var i = 0; i < Count; i++)
        {
            row[i] = Matern52Kernel.Covariance(x, Inputs.AsSpan(i * Dimensions, Dimensions), scales, Hyperparameters.SignalVariance);
        }
    }

    /// <summary>The posterior mean at a point, from its <see cref="KernelRow"/>: the prior mean plus the row times alpha.</summary>
    public double MeanOfRow(ReadOnlySpan<double> row)
    {
        var mean = PriorMean;
        for (var i = 0; i < Count; i++)
        {
            mean += row[i] * Alpha[i];
        }

        return mean;
    }

    /// <summary>The posterior mean and latent variance (without noise) at <paramref name="x"/>.</summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x)
    {
        var row = new double[Count];
        KernelRow(x, row);
        var mean = MeanOfRow(row);
        TriangularSolve.Lower(Lower, Count, row);
        var explained = 0.0;
        foreach (var v in row)
        {
            explained += v * v;
        }

        return (mean, Math.Max(Hyperparameters.SignalVariance - explained, 0));
    }

    /// <summary>
    /// The posterior mean and latent variance at <paramref name="x"/>, with their gradients with respect to x.
    /// <paramref name="weights"/> receives <c>K^-1 k(X, x)</c> and <paramref name="kernelGradient"/> the n x d Jacobian of
    /// <c>k(X, x)</c>, for callers that need cross-covariances too.
    /// </summary>
    public (double Mean, double Variance) PredictWithGradient(
        ReadOnlySpan<double> x, Span<double> meanGradient, Span<double> varianceGradient, Span<double> weights, Span<double> kernelGradient)
    {
        var n = Count;
        var d = Dimensions;
        var scales = Hyperparameters.LengthScales;
        var signal = Hyperparameters.SignalVariance;
        var mean = PriorMean;
        meanGradient.Clear();
        for (var i = 0; i < n; i++)
        {
            var point = Inputs.AsSpan(i * d, d);
            var r = Matern52Kernel.ScaledDistance(x, point, scales);
            var k = signal * Matern52Kernel.Correlation(r);
            weights[i] = k;
            mean += k * Alpha[i];
            var slope = signal * Matern52Kernel.SlopeFactor(r);
            for (var j = 0; j < d; j++)
            {
                var g = -slope * (x[j] - point[j]) / (scales[j] * scales[j]);
                kernelGradient[(i * d) + j] = g;
                meanGradient[j] += g * Alpha[i];
            }
        }

        TriangularSolve.Lower(Lower, n, weights);
        var explained = 0.0;
        for (var i = 0; i < n; i++)
        {
            explained += weights[i] * weights[i];
        }

        TriangularSolve.LowerTransposed(Lower, n, weights);
        varianceGradient.Clear();
        for (var i = 0; i < n; i++)
        {
            var w = -2 * weights[i];
            for (var j = 0; j < d; j++)
            {
                varianceGradient[j] += w * kernelGradient[(i * d) + j];
            }
        }

        return (mean, Math.Max(signal - explained, 0));
    }

    /// <summary>
    /// The process conditioned also on <paramref name="points"/> (row-major) observed at the current posterior mean there:
    /// the posterior mean is unchanged, the variance is that given the extra points. Extends the Cholesky factor in
    /// O(n^2 p) instead of refactoring.
    /// </summary>
    /// <exception cref="GpNumericalException">The extended covariance stays singular under the existing jitter and the escalation.</exception>
    public GaussianProcess ConditionedOn(ReadOnlySpan<double> points)
    {
        var p = points.Length / Dimensions;
        var fantasies = new double[p];
        for (var a = 0; a < p; a++)
        {
            fantasies[a] = Predict(points.Slice(a * Dimensions, Dimensions)).Mean;
        }

        return Extended(points, [.. Targets, .. fantasies]);
    }

    /// <summary>
    /// The process with the same hyperparameters over the current points plus <paramref name="points"/> (row-major), with
    /// <paramref name="targets"/> for all of them (the current points' first, possibly restandardised). The Cholesky factor
    /// is extended by a block in O(n^2 p) instead of refactored; the new block gets the existing jitter (more if it needs it).
    /// </summary>
    /// <param name="points">The new points, row-major.</param>
    /// <param name="targets">The targets of the current points and the new ones.</param>
    /// <param name="priorMean">The constant prior mean of the result; <see langword="null"/> keeps this process's.</param>
    /// <exception cref="ArgumentException">The number of targets is not that of the points.</exception>
    /// <exception cref="GpNumericalException">The new block stays singular under jitter.</exception>
    public GaussianProcess Extended(ReadOnlySpan<double> points, double[] targets, double? priorMean = null)
    {
        var mean = priorMean ?? PriorMean;
        ArgumentNullException.ThrowIfNull(targets);
        var d = Dimensions;
        var p = points.Length / d;
        var n = Count;
        if (targets.Length != n + p)
        {
            throw new ArgumentException($"Extending a GP of {n} points by {p} needs {n + p} targets, not {targets.Length}.", nameof(targets));
        }

        if (p == 0)
        {
            return new GaussianProcess(this, Inputs, targets, Lower, mean);
        }

        var m = n + p;
        var noise = Hyperparameters.NoiseVariance + Jitter;
        var cross = new double[p * n];
        for (var a = 0; a < p; a++)
        {
            var row = cross.AsSpan(a * n, n);
            KernelRow(points.Slice(a * d, d), row);
            TriangularSolve.Lower(Lower, n, row);
        }

        var schur = new double[p * p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var value = Matern52Kernel.Covariance(points.Slice(a * d, d), points.Slice(b * d, d), Hyperparameters.LengthScales, Hyperparameters.SignalVariance);
                if (a == b)
                {
                    value += noise;
                }

                for (var i = 0; i < n; i++)
                {
                    value -= cross[(a * n) + i] * cross[(b * n) + i];
                }

                schur[(a * p) + b] = value;
                schur[(b * p) + a] = value;
            }
        }

        var schurLower = JitteredCholesky.Factor(schur, p, out _);
        var lower = new double[m * m];
        for (var i = 0; i < n; i++)
        {
            Lower.AsSpan(i * n, i + 1).CopyTo(lower.AsSpan(i * m, i + 1));
        }

        for (var a = 0; a < p; a++)
        {
            cross.AsSpan(a * n, n).CopyTo(lower.AsSpan((n + a) * m, n));
            schurLower.AsSpan(a * p, a + 1).CopyTo(lower.AsSpan(((n + a) * m) + n, a + 1));
        }

        return new GaussianProcess(this, [.. Inputs, .. points], targets, lower, mean);
    }

    /// <summary>Writes <c>K^-1 (y - m)</c> into <paramref name="alpha"/>, from the factor <paramref name="lower"/> of K.</summary>
    public static void SolveCentred(ReadOnlySpan<double> lower, ReadOnlySpan<double> targets, double priorMean, Span<double> alpha)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            alpha[i] = targets[i] - priorMean;
        }

        TriangularSolve.Lower(lower, targets.Length, alpha);
        TriangularSolve.LowerTransposed(lower, targets.Length, alpha);
    }

    /// <summary>The log marginal likelihood from the factor, <c>alpha = K^-1 (y - m)</c> and the targets.</summary>
    public static double LogMarginalLikelihoodOf(ReadOnlySpan<double> lower, ReadOnlySpan<double> alpha, ReadOnlySpan<double> targets, double priorMean)
    {
        var n = targets.Length;
        var fit = 0.0;
        var logDeterminant = 0.0;
        for (var i = 0; i < n; i++)
        {
            fit += (targets[i] - priorMean) * alpha[i];
            logDeterminant += Math.Log(lower[(i * n) + i]);
        }

        return (-0.5 * fit) - logDeterminant - (0.5 * n * LogTwoPi);
    }

    private double[] SolveCentred(double[] targets)
    {
        var alpha = new double[targets.Length];
        SolveCentred(Lower, targets, PriorMean, alpha);
        return alpha;
    }

    private double ComputeLogMarginalLikelihood() => LogMarginalLikelihoodOf(Lower, Alpha, Targets, PriorMean);
}
