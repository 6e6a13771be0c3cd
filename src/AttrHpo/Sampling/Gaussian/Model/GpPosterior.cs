namespace AttrHpo;

/// <summary>
/// A fitted Gaussian-process posterior in the form the candidate sweep needs: the observations' inputs, the kernel's
/// hyperparameters, <c>Alpha = K^-1 (y - PriorMean)</c> and the lower Cholesky factor <c>L</c> of <c>K</c>.
/// </summary>
/// <remarks>
/// The kernel is Matern 5/2 with one length scale per dimension:
/// <c>k(a, b) = SignalVariance * matern52(r)</c>, <c>r = sqrt(sum_j ((a_j - b_j) / LengthScales_j)^2)</c>,
/// <c>matern52(r) = (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)</c> (see <see cref="Matern52Kernel"/>), and the training matrix is
/// <c>K = k(X, X) + (noise + jitter) I = L L^T</c>. Inputs are in the unit-cube encoding of the search space.
/// The arrays are owned by this object once given: callers must not change them afterwards.
/// </remarks>
internal sealed class GpPosterior
{
    /// <summary>Creates a posterior, checking that every array has the length its count and dimensions imply.</summary>
    /// <param name="count">The number of observations, n (at least 1).</param>
    /// <param name="dimensions">The number of input dimensions, d (at least 1).</param>
    /// <param name="inputs">The observations' points, n * d, row-major.</param>
    /// <param name="lengthScales">One positive length scale per dimension.</param>
    /// <param name="signalVariance">The kernel's positive signal variance.</param>
    /// <param name="alpha">K^-1 (y - PriorMean), n values.</param>
    /// <param name="lower">The lower Cholesky factor of K, n * n row-major (the upper triangle is not read).</param>
    /// <param name="priorMean">The prior mean of the (standardised) targets.</param>
    public GpPosterior(int count, int dimensions, double[] inputs, double[] lengthScales, double signalVariance, double[] alpha, double[] lower, double priorMean)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(lengthScales);
        ArgumentNullException.ThrowIfNull(alpha);
        ArgumentNullException.ThrowIfNull(lower);
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A GP posterior needs at least one observation.");
        }

        if (dimensions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "A GP posterior needs at least one input dimension.");
        }

        RequireLength(inputs, (long)count * dimensions, nameof(inputs), "count * dimensions (row-major points)");
        RequireLength(lengthScales, dimensions, nameof(lengthScales), "dimensions");
        RequireLength(alpha, count, nameof(alpha), "count");
        RequireLength(lower, (long)count * count, nameof(lower), "count * count (row-major Cholesky factor)");
        for (var j = 0; j < dimensions; j++)
        {
            if (!(lengthScales[j] > 0) || double.IsPositiveInfinity(lengthScales[j]))
            {
                throw new ArgumentOutOfRangeException(nameof(lengthScales), lengthScales[j], $"Length scale {j} must be a positive finite number.");
            }
        }

        if (!(signalVariance > 0) || double.IsPositiveInfinity(signalVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(signalVariance), signalVariance, "The signal variance must be a positive finite number.");
        }

        if (!double.IsFinite(priorMean))
        {
            throw new ArgumentOutOfRangeException(nameof(priorMean), priorMean, "The prior mean must be finite.");
        }

        for (var i = 0; i < count; i++)
        {
            var diagonal = lower[((long)i * count) + i];
            if (!(diagonal > 0) || double.IsPositiveInfinity(diagonal))
            {
                throw new ArgumentException(
                    $"The Cholesky factor's diagonal entry {i} is {diagonal}; it must be positive and finite. Factor K again with more jitter.",
                    nameof(lower));
            }

            if (!double.IsFinite(alpha[i]))
            {
                throw new ArgumentException($"Alpha[{i}] is {alpha[i]}; every entry must be finite.", nameof(alpha));
            }
        }

        Count = count;
        Dimensions = dimensions;
        Inputs = inputs;
        LengthScales = lengthScales;
        SignalVariance = signalVariance;
        Alpha = alpha;
        Lower = lower;
        PriorMean = priorMean;
    }

    /// <summary>The number of observations, n.</summary>
    public int Count { get; }

    /// <summary>The number of input dimensions, d.</summary>
    public int Dimensions { get; }

    /// <summary>The observations' points in the unit cube, n * d, row-major.</summary>
    public double[] Inputs { get; }

    /// <summary>One length scale per dimension.</summary>
    public double[] LengthScales { get; }

    /// <summary>The kernel's signal variance: the prior variance of the latent function.</summary>
    public double SignalVariance { get; }

    /// <summary>K^-1 (y - PriorMean), n values.</summary>
    public double[] Alpha { get; }

    /// <summary>The lower Cholesky factor L of K, n * n, row-major.</summary>
    public double[] Lower { get; }

    /// <summary>The prior mean of the targets.</summary>
    public double PriorMean { get; }

    private static void RequireLength(double[] array, long expected, string name, string meaning)
    {
        if (array.Length != expected)
        {
            throw new ArgumentException($"{name} has {array.Length} values but needs {expected} ({meaning}).", name);
        }
    }
}
