using System.Runtime.CompilerServices;

namespace AttrHpo;

/// <summary>
/// The log marginal likelihood of fixed training data and its gradient over the log hyperparameters, evaluated again and
/// again by the fitter without allocating: the covariance, its factor, alpha and the inverse live in buffers made once and
/// filled in place. Each evaluation gives bit for bit what building a <see cref="GaussianProcess"/> and calling
/// <see cref="LogMarginalLikelihoodGradient.Compute(GaussianProcess, Span{double})"/> gives (the same operations in the same
/// order), at a fraction of the cost: the n x n arrays of those (over 85 KB from 104 observations on) went to the large
/// object heap on every evaluation, and the gen-2 collections they caused dominated a cold fit.
/// </summary>
/// <remarks>Not thread-safe: one workspace per optimizer run.</remarks>
internal sealed class GpLikelihoodWorkspace
{
    private readonly double[] _inputs;
    private readonly double[] _targets;
    private readonly double _priorMean;
    private readonly double[] _covariance;
    private readonly double[] _lower;
    private readonly double[] _column;
    private readonly double[] _alpha;
    private readonly double[] _factorInverse;
    private readonly double[] _inverse;
    private readonly double[] _scales;
    private readonly double[] _correlations;
    private readonly double[] _slopes;

    /// <summary>Creates a workspace for <paramref name="targets"/> observed at <paramref name="inputs"/>.</summary>
    /// <param name="inputs">n points, row-major n x <paramref name="dimensions"/>.</param>
    /// <param name="dimensions">The number of input dimensions.</param>
    /// <param name="targets">The n observed values.</param>
    /// <param name="priorMean">The constant prior mean.</param>
    /// <exception cref="ArgumentException">Sizes disagree or a target is not finite.</exception>
    public GpLikelihoodWorkspace(double[] inputs, int dimensions, double[] targets, double priorMean)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (inputs.Length != targets.Length * dimensions)
        {
            throw new ArgumentException(
                $"A GP over {dimensions} dimensions needs {dimensions} input values per target, but got {inputs.Length} input values for {targets.Length} targets.",
                nameof(inputs));
        }

        foreach (var target in targets)
        {
            if (!double.IsFinite(target))
            {
                throw new ArgumentException($"A GP target is {target}; leave out observations whose value is not finite.", nameof(targets));
            }
        }

        var n = targets.Length;
        _inputs = inputs;
        _targets = targets;
        _priorMean = priorMean;
        Dimensions = dimensions;
        _covariance = new double[n * n];
        _lower = new double[n * n];
        _column = new double[n];
        _alpha = new double[n];
        _factorInverse = new double[n * n];
        _inverse = new double[n * n];
        _scales = new double[dimensions];
        _correlations = new double[n * (n - 1) / 2];
        _slopes = new double[n * (n - 1) / 2];
    }

    /// <summary>The number of input dimensions; the log hyperparameters number two more.</summary>
    public int Dimensions { get; }

    /// <summary>The number of training points.</summary>
    public int Count => _targets.Length;

    /// <summary>The jitter the last successful evaluation added to the diagonal beside the noise variance.</summary>
    public double Jitter { get; private set; }

    /// <summary>
    /// The log marginal likelihood at the log hyperparameters <paramref name="theta"/> (log l_1..l_d, log s, log noise), its
    /// gradient with respect to them written into <paramref name="gradient"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A hyperparameter is not positive and finite, or the covariance holds a value that is not finite.</exception>
    /// <exception cref="GpNumericalException">The covariance stays singular under jitter.</exception>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var d = Dimensions;
        if (theta.Length != d + 2 || gradient.Length != d + 2)
        {
            throw new ArgumentException(
                $"A GP over {d} dimensions has {d + 2} log hyperparameters, but got {theta.Length} values and room for {gradient.Length} gradient entries.",
                nameof(theta));
        }

        // As GpHyperparameters.FromLog computes and checks them.
        for (var j = 0; j < d; j++)
        {
            _scales[j] = Math.Exp(theta[j]);
            if (!(_scales[j] > 0) || double.IsInfinity(_scales[j]))
            {
                throw new ArgumentException($"A GP length scale must be positive and finite, but one is {_scales[j]}.", nameof(theta));
            }
        }

        var signal = Math.Exp(theta[d]);
        var noise = Math.Exp(theta[d + 1]);
        if (!(signal > 0) || double.IsInfinity(signal) || !(noise >= 0) || double.IsInfinity(noise))
        {
            throw new ArgumentException(
                $"The GP signal variance must be positive and finite and the noise variance zero or positive and finite, but they are {signal} and {noise}.",
                nameof(theta));
        }

        var n = Count;
        FillCovariance(signal, noise);
        JitteredCholesky.Factor(_covariance, n, _lower, _column, out var jitter);
        Jitter = jitter;
        GaussianProcess.SolveCentred(_lower, _targets, _priorMean, _alpha);
        var value = GaussianProcess.LogMarginalLikelihoodOf(_lower, _alpha, _targets, _priorMean);
        LogMarginalLikelihoodGradient.Inverse(_lower, n, _factorInverse, _inverse);
        LogMarginalLikelihoodGradient.ComputeFromKernelTerms(_inputs, n, d, _scales, signal, noise, _alpha, _inverse, _correlations, _slopes, gradient);
        return value;
    }

    /// <summary>
    /// The covariance <see cref="GaussianProcess.TrainingCovariance"/> gives, bit for bit, keeping each pair's correlation and
    /// slope factor for the gradient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillCovariance(double signal, double noise)
    {
        var n = Count;
        var d = Dimensions;
        var pair = 0;
        for (var i = 0; i < n; i++)
        {
            var a = _inputs.AsSpan(i * d, d);
            _covariance[(i * n) + i] = signal + noise;
            for (var j = 0; j < i; j++, pair++)
            {
                var (correlation, slope) = Matern52Kernel.CorrelationAndSlope(Matern52Kernel.ScaledDistance(a, _inputs.AsSpan(j * d, d), _scales));
                var value = signal * correlation;
                _covariance[(i * n) + j] = value;
                _covariance[(j * n) + i] = value;
                _correlations[pair] = correlation;
                _slopes[pair] = slope;
            }
        }
    }
}
