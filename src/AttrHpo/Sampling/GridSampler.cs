namespace AttrHpo;

/// <summary>
/// Grid search: the trials enumerate every combination of every dimension's values, each once.
/// </summary>
/// <remarks>
/// <para>
/// A discrete dimension (integers, a real range with a step, a choice) contributes each of its values; a continuous real range
/// contributes <see cref="Resolution"/> evenly spaced values of the unit interval, both ends included, so its low and high
/// bound are among them (evenly spaced in log space when the range is log-scaled). A continuous range without a resolution
/// is an error: a grid cannot enumerate it.
/// </para>
/// <para>
/// Trial n gets grid point n: in lexicographic order, the first dimension changing slowest and the last fastest, or, with
/// <see cref="Shuffle"/>, in an order shuffled by the study's seed. The point is computed from n alone, never by listing
/// the grid, so a grid of any size costs the same per trial: a mixed-radix decode of n, then, when shuffled, a keyed
/// pseudo-random permutation of the grid's points (a Feistel network with cycle walking; for grids of more than 2^64 points,
/// a generalised Feistel network over groups of dimensions), which visits every point exactly once.
/// </para>
/// <para>
/// Trials past the end of the grid wrap around: trial n gets the point of trial n mod <see cref="GridSize(SearchSpace)"/>, so a
/// study with more trials than the grid has points evaluates each point again, in the same order. Set the study's trial budget to
/// <see cref="GridSize(SearchSpace)"/> to evaluate every point once.
/// </para>
/// <para>
/// The sampler ignores the study's history and keeps no state: the same seed gives the same trials at any parallelism.
/// </para>
/// </remarks>
public sealed class GridSampler : ISampler
{
    private const ulong ShuffleSalt = 0x6121_D5A3_9E1F_0B77UL;

    /// <summary>Creates a grid sampler.</summary>
    /// <param name="resolution">
    /// How many evenly spaced values each continuous real range contributes, both bounds included (at least 2); 0, the default,
    /// for none, in which case a search space with a continuous range is an error. Discrete dimensions ignore it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The resolution is negative or 1.</exception>
    public GridSampler(int resolution = 0)
    {
        if (resolution < 0 || resolution == 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(resolution),
                resolution,
                "The resolution is the number of grid values of each continuous range, both bounds included: give 2 or more, or 0 when every dimension is discrete.");
        }

        Resolution = resolution;
    }

    /// <summary>How many evenly spaced values each continuous real range contributes, both bounds included; 0 for none.</summary>
    public int Resolution { get; }

    /// <summary>
    /// Whether to visit the grid in an order shuffled by the study's seed rather than lexicographically (default
    /// <see langword="false"/>). A shuffled grid search stopped early has sampled the whole grid rather than its first rows.
    /// </summary>
    public bool Shuffle { get; init; }

    /// <summary>
    /// The number of points of the grid of <paramref name="space"/>: the product of every dimension's number of values. Give it
    /// as the study's trial budget to evaluate each point once; trials past it wrap around to the start.
    /// </summary>
    /// <param name="space">The search space.</param>
    /// <returns>The number of grid points, or <see cref="long.MaxValue"/> when there are more (more than any study can run).</returns>
    /// <exception cref="ArgumentException">The space has a continuous range and this sampler has no <see cref="Resolution"/>.</exception>
    public long GridSize(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var size = ExactSize(Radices(space));
        return size is { } exact && exact <= long.MaxValue ? (long)exact : long.MaxValue;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Trial n gets grid point n in this sampler's order; past the end of the grid, the point of trial n mod
    /// <see cref="GridSize(SearchSpace)"/> (the grid wraps around).
    /// </remarks>
    /// <exception cref="ArgumentException">The space has a continuous range and this sampler has no <see cref="Resolution"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The trial number is negative.</exception>
    public double[] Suggest(SamplingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TrialNumber < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.TrialNumber, "GridSampler needs a trial number of 0 or more.");
        }

        return PointAt(context.Space, (UInt128)context.TrialNumber, context.Seed);
    }

    /// <summary>Grid point <paramref name="index"/> (mod the grid's size) of <paramref name="space"/>, in this sampler's order.</summary>
    internal double[] PointAt(SearchSpace space, UInt128 index, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        var radices = Radices(space);

        // Without an exact size the grid has more than 2^128 points, so every index is already one of its points.
        if (ExactSize(radices) is { } size)
        {
            index %= size;
        }

        // Lexicographic: the last dimension is the least significant digit.
        var digits = new long[radices.Length];
        for (var i = radices.Length - 1; i >= 0; i--)
        {
            digits[i] = (long)(ulong)(index % (ulong)radices[i]);
            index /= (ulong)radices[i];
        }

        if (Shuffle)
        {
            GridPermutation.Apply(radices, digits, SeedMixer.Mix(seed ^ ShuffleSalt));
        }

        var point = new double[radices.Length];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = Coordinate(space.Dimensions[i], radices[i], digits[i]);
        }

        return point;
    }

    /// <summary>The number of grid values of each dimension.</summary>
    private long[] Radices(SearchSpace space)
    {
        var radices = new long[space.Count];
        for (var i = 0; i < radices.Length; i++)
        {
            var dimension = space.Dimensions[i];
            if (dimension.Cardinality is { } count)
            {
                radices[i] = count;
            }
            else if (Resolution == 0)
            {
                throw new ArgumentException(
                    $"GridSampler cannot enumerate the continuous hyperparameter '{dimension.Name}' ({dimension}): give GridSampler a resolution " +
                    "(new GridSampler(resolution: 5) tries 5 evenly spaced values, both bounds included), or give the hyperparameter a step.",
                    nameof(space));
            }
            else
            {
                radices[i] = Resolution;
            }
        }

        return radices;
    }

    /// <summary>The product of the radices, or <see langword="null"/> when it exceeds <see cref="UInt128.MaxValue"/>.</summary>
    private static UInt128? ExactSize(long[] radices)
    {
        UInt128 size = 1;
        foreach (var radix in radices)
        {
            if (size > UInt128.MaxValue / (ulong)radix)
            {
                return null;
            }

            size *= (ulong)radix;
        }

        return size;
    }

    /// <summary>The unit-cube coordinate of value <paramref name="index"/> of the <paramref name="count"/> grid values of <paramref name="dimension"/>.</summary>
    private static double Coordinate(Dimension dimension, long count, long index) => dimension switch
    {
        // Continuous: evenly spaced, both ends included ((count - 1) / (count - 1) is exactly 1).
        RealDimension { Cardinality: null } => (double)index / (count - 1),

        // Log-scaled discrete values are not equally likely, so their cells differ in width: encode the value itself.
        RealDimension { Log: true } real => real.Encode(real.Low + (index * real.Step)),
        IntegerDimension { Log: true } integer => integer.Encode((long)Int128.Min((Int128)integer.Low + ((Int128)index * integer.Step), integer.High)),

        // Every other discrete value owns an equal cell of [0, 1]: its centre.
        _ => (index + 0.5) / count,
    };
}
