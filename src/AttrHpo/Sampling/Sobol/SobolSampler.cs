namespace AttrHpo;

/// <summary>
/// Quasi-random points: trial n gets point n of a Sobol sequence in as many dimensions as the search space has, so the
/// first trials cover the space far more evenly than independent random points do. Scrambled by default, with the study's seed.
/// </summary>
/// <remarks>
/// <para>
/// The sequence is Sobol's (1967) with the direction numbers of Joe and Kuo (2008, <c>new-joe-kuo-6.21201</c>, its first
/// 298 dimensions), taken in Gray-code order as in their own generator, so the unscrambled points are theirs
/// (and SciPy's): (0, 0), (0.5, 0.5), (0.75, 0.25), (0.25, 0.75), (0.375, 0.375), ...
/// For every k, the first 2^k points (and every later block of 2^k aligned at a multiple of 2^k) put exactly one point in each
/// interval [j / 2^k, (j + 1) / 2^k) of each coordinate; for powers of two, use a trial budget of 2^k for the most even cover.
/// </para>
/// <para>
/// Scrambling is Owen's (1995) nested uniform scrambling: the binary digits of each coordinate form a tree, and at every
/// node the digit below is flipped or kept at random. The random flips are not stored but computed by hashing the node
/// (its depth and the digits above it) with a key derived from the study's seed and the coordinate's dimension, as in
/// hash-based Owen scrambling (Laine and Karras 2011, Burley 2020), with a full 64-bit hash per node rather than their
/// single-multiply approximation. Scrambling keeps the stratification above, makes each point uniformly distributed, and
/// moves the first point off the corner (0, ..., 0). Each coordinate carries 53 random bits.
/// </para>
/// <para>
/// The point of trial n is computed from n alone, in O(32 x dimensions): the sampler ignores the study's history, keeps no
/// state, and reproduces the same trials for the same seed at any parallelism.
/// </para>
/// </remarks>
public sealed class SobolSampler : ISampler
{
    /// <summary>The most dimensions a search space may have for this sampler: those of the embedded Joe-Kuo table.</summary>
    public const int MaxDimensions = SobolDirections.MaxDimensions;

    private const ulong ScrambleSalt = 0x50B0_15C4_A3B1_E5EDUL;
    private const ulong NodeMultiplier = 0xD134_2543_DE82_EF95UL;
    private const int ScrambledLevels = 32;
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>
    /// Whether to scramble the sequence with the study's seed (the default). Without scrambling every study gets the same
    /// points, the first of them the corner (0, ..., 0), that is the lowest value of every hyperparameter.
    /// </summary>
    public bool Scramble { get; init; } = true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The search space has more than <see cref="MaxDimensions"/> dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The trial number is negative.</exception>
    public double[] Suggest(SamplingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.Space.Count;
        if (count > MaxDimensions)
        {
            throw new ArgumentException(
                $"SobolSampler supports at most {MaxDimensions} dimensions (the Joe-Kuo direction numbers it ships), but the search space has {count}. " +
                "Use RandomSampler for a space this large.",
                nameof(context));
        }

        if (context.TrialNumber < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.TrialNumber, "SobolSampler needs a trial number of 0 or more.");
        }

        var point = new double[count];
        Fill((uint)context.TrialNumber, context.Seed, Scramble, point);
        return point;
    }

    /// <summary>Writes point <paramref name="index"/> of the sequence, scrambled with <paramref name="seed"/> or not, into <paramref name="point"/>.</summary>
    internal static void Fill(uint index, ulong seed, bool scramble, Span<double> point)
    {
        var directions = SobolDirections.Instance;
        if (point.Length > directions.Dimensions)
        {
            throw new ArgumentException($"At most {directions.Dimensions} Sobol dimensions.", nameof(point));
        }

        var gray = index ^ (index >> 1);
        var studyKey = SeedMixer.Mix(seed ^ ScrambleSalt);
        for (var dimension = 0; dimension < point.Length; dimension++)
        {
            var x = Unscrambled(directions.For(dimension), gray);
            if (scramble)
            {
                x = OwenScramble(x, SeedMixer.Mix(studyKey ^ SeedMixer.Mix((ulong)dimension)));
            }

            point[dimension] = (x >> 11) * TwoToMinus53;
        }
    }

    /// <summary>The coordinate of the point with Gray code <paramref name="gray"/>: the XOR of the direction numbers of its set bits.</summary>
    private static ulong Unscrambled(ReadOnlySpan<ulong> directions, uint gray)
    {
        var x = 0UL;
        for (var bits = gray; bits != 0; bits &= bits - 1)
        {
            x ^= directions[System.Numerics.BitOperations.TrailingZeroCount(bits)];
        }

        return x;
    }

    /// <summary>
    /// Owen's nested uniform scrambling of a 64-bit fixed-point coordinate whose value lies in its top 32 bits (so the low
    /// 32 digits are zero). Digit L (L = 0 the most significant) is flipped by a hash bit of its node: the L digits above it,
    /// marked by a leading 1 so that every (depth, prefix) pair is its own node. Below depth 32 every input digit is 0, so the
    /// flips along that path depend only on the 32-digit prefix: one hash of that prefix's node gives all 32 of them.
    /// </summary>
    private static ulong OwenScramble(ulong x, ulong key)
    {
        var flips = 0UL;
        for (var level = 0; level < ScrambledLevels; level++)
        {
            var prefix = level == 0 ? 0UL : x >> (64 - level);
            var node = prefix | (1UL << level);
            flips |= (SeedMixer.Mix(key ^ (node * NodeMultiplier)) >> 63) << (63 - level);
        }

        var tail = (x >> 32) | (1UL << ScrambledLevels);
        flips |= SeedMixer.Mix(key ^ (tail * NodeMultiplier)) & 0xFFFF_FFFFUL;
        return x ^ flips;
    }
}
