namespace AttrHpo;

/// <summary>
/// Monte Carlo expected improvement of a batch: the points already chosen (running trials, <c>P</c>) plus one new point x,
/// <c>qEI(x) = E[max(best - min(f(P), f(x)), 0)]</c> over the GP's joint posterior, estimated with fixed quasi-random base
/// samples so that it is a deterministic, almost everywhere differentiable function of x (Wilson et al. 2018; BoTorch's qEI).
/// The pending points' samples <c>f(P) = mu_P + L_P z_P</c> are drawn once; for x, <c>f(x) = mu_x + l^T z_P + sqrt(c) z_x</c>
/// with <c>l = L_P^-1 Sigma_Px</c> and <c>c = sigma_x^2 - |l|^2</c>, which is exactly the joint posterior.
/// </summary>
internal sealed class BatchExpectedImprovement
{
    private readonly GaussianProcess _process;
    private readonly double[] _pending;
    private readonly int _pendingCount;
    private readonly double _best;
    private readonly int _samples;
    private readonly double[] _baseSamples;
    private readonly double[] _pendingLower;
    private readonly double[] _pendingWeights;
    private readonly double[] _pendingMinimum;

    /// <summary>Prepares the estimate for a process, the pending points (features, row-major) and the best target so far.</summary>
    /// <param name="process">The fitted GP.</param>
    /// <param name="pending">Points already chosen, row-major in the process's features; may be empty.</param>
    /// <param name="best">The incumbent: the smallest target observed.</param>
    /// <param name="samples">The number of Monte Carlo samples.</param>
    /// <param name="seed">Fixes the quasi-random base samples.</param>
    public BatchExpectedImprovement(GaussianProcess process, ReadOnlySpan<double> pending, double best, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        _process = process;
        var d = process.Dimensions;
        _pending = pending.ToArray();
        _pendingCount = pending.Length / d;
        _best = best;
        _samples = samples;
        var p = _pendingCount;
        _baseSamples = NormalBaseSamples.Create(samples, p + 1, seed);
        var n = process.Count;
        var means = new double[p];
        _pendingWeights = new double[p * n];
        var kernel = new double[n];
        for (var a = 0; a < p; a++)
        {
            var point = _pending.AsSpan(a * d, d);
            process.KernelRow(point, kernel);
            means[a] = process.PriorMean;
            for (var i = 0; i < n; i++)
            {
                means[a] += kernel[i] * process.Alpha[i];
            }

            var weights = _pendingWeights.AsSpan(a * n, n);
            kernel.CopyTo(weights);
            TriangularSolve.Lower(process.Lower, n, weights);
            TriangularSolve.LowerTransposed(process.Lower, n, weights);
        }

        var covariance = new double[p * p];
        for (var a = 0; a < p; a++)
        {
            process.KernelRow(_pending.AsSpan(a * d, d), kernel);
            for (var b = 0; b <= a; b++)
            {
                var value = Matern52Kernel.Covariance(_pending.AsSpan(a * d, d), _pending.AsSpan(b * d, d), process.Hyperparameters.LengthScales, process.Hyperparameters.SignalVariance);
                var weights = _pendingWeights.AsSpan(b * n, n);
                for (var i = 0; i < n; i++)
                {
                    value -= kernel[i] * weights[i];
                }

                covariance[(a * p) + b] = value;
                covariance[(b * p) + a] = value;
            }
        }

        _pendingLower = p == 0 ? [] : JitteredCholesky.Factor(covariance, p, out _);
        _pendingMinimum = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var z = _baseSamples.AsSpan(s * (p + 1), p);
            var minimum = double.PositiveInfinity;
            for (var a = 0; a < p; a++)
            {
                var f = means[a];
                for (var b = 0; b <= a; b++)
                {
                    f += _pendingLower[(a * p) + b] * z[b];
                }

                minimum = Math.Min(minimum, f);
            }

            _pendingMinimum[s] = minimum;
        }
    }

    /// <summary>The number of pending points.</summary>
    public int PendingCount => _pendingCount;

    /// <summary>The estimate of qEI for the pending points plus <paramref name="x"/>.</summary>
    public double Value(ReadOnlySpan<double> x) => Evaluate(x, Span<double>.Empty);

    /// <summary>The estimate of qEI for the pending points plus <paramref name="x"/>, and its gradient with respect to x.</summary>
    public double ValueWithGradient(ReadOnlySpan<double> x, Span<double> gradient) => Evaluate(x, gradient);

    private double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var n = _process.Count;
        var d = _process.Dimensions;
        var p = _pendingCount;
        var withGradient = !gradient.IsEmpty;
        var meanGradient = new double[d];
        var varianceGradient = new double[d];
        var weights = new double[n];
        var kernelGradient = new double[n * d];
        var (mean, variance) = _process.PredictWithGradient(x, meanGradient, varianceGradient, weights, kernelGradient);

        // l = L_P^-1 Sigma_Px and its Jacobian (p x d): Sigma_Px = k(P, x) - k(X, P)^T K^-1 k(X, x).
        var scales = _process.Hyperparameters.LengthScales;
        var signal = _process.Hyperparameters.SignalVariance;
        var cross = new double[p];
        var crossGradient = new double[p * d];
        var kernelRow = new double[n];
        _process.KernelRow(x, kernelRow);
        for (var a = 0; a < p; a++)
        {
            var point = _pending.AsSpan(a * d, d);
            var r = Matern52Kernel.ScaledDistance(x, point, scales);
            var value = signal * Matern52Kernel.Correlation(r);
            var slope = signal * Matern52Kernel.SlopeFactor(r);
            var pendingWeights = _pendingWeights.AsSpan(a * n, n);
            for (var i = 0; i < n; i++)
            {
                value -= pendingWeights[i] * kernelRow[i];
            }

            cross[a] = value;
            if (withGradient)
            {
                for (var j = 0; j < d; j++)
                {
                    var g = -slope * (x[j] - point[j]) / (scales[j] * scales[j]);
                    for (var i = 0; i < n; i++)
                    {
                        g -= pendingWeights[i] * kernelGradient[(i * d) + j];
                    }

                    crossGradient[(a * d) + j] = g;
                }
            }
        }

        ForwardSolve(cross, 1);
        if (withGradient)
        {
            ForwardSolve(crossGradient, d);
        }

        var conditional = variance;
        for (var a = 0; a < p; a++)
        {
            conditional -= cross[a] * cross[a];
        }

        var floor = 1e-12 * signal;
        var clamped = conditional <= floor;
        var sigma = Math.Sqrt(Math.Max(conditional, floor));
        var conditionalGradient = new double[d];
        if (withGradient && !clamped)
        {
            for (var j = 0; j < d; j++)
            {
                var g = varianceGradient[j];
                for (var a = 0; a < p; a++)
                {
                    g -= 2 * cross[a] * crossGradient[(a * d) + j];
                }

                conditionalGradient[j] = g;
            }
        }

        var total = 0.0;
        if (withGradient)
        {
            gradient.Clear();
        }

        for (var s = 0; s < _samples; s++)
        {
            var z = _baseSamples.AsSpan(s * (p + 1), p + 1);
            var f = mean + (sigma * z[p]);
            for (var a = 0; a < p; a++)
            {
                f += cross[a] * z[a];
            }

            var minimum = Math.Min(_pendingMinimum[s], f);
            if (minimum >= _best)
            {
                continue;
            }

            total += _best - minimum;
            if (withGradient && f < _pendingMinimum[s])
            {
                for (var j = 0; j < d; j++)
                {
                    var df = meanGradient[j] + (z[p] * conditionalGradient[j] / (2 * sigma));
                    for (var a = 0; a < p; a++)
                    {
                        df += z[a] * crossGradient[(a * d) + j];
                    }

                    gradient[j] -= df;
                }
            }
        }

        if (withGradient)
        {
            for (var j = 0; j < d; j++)
            {
                gradient[j] /= _samples;
            }
        }

        return total / _samples;
    }

    /// <summary>Overwrites the p x <paramref name="columns"/> matrix <paramref name="values"/> with L_P^-1 times it.</summary>
    private void ForwardSolve(double[] values, int columns)
    {
        var p = _pendingCount;
        for (var a = 0; a < p; a++)
        {
            for (var c = 0; c < columns; c++)
            {
                var sum = values[(a * columns) + c];
                for (var b = 0; b < a; b++)
                {
                    sum -= _pendingLower[(a * p) + b] * values[(b * columns) + c];
                }

                values[(a * columns) + c] = sum / _pendingLower[(a * p) + a];
            }
        }
    }
}
