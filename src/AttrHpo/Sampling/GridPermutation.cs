namespace AttrHpo;

/// <summary>
/// A keyed pseudo-random permutation of the points of a grid (a mixed-radix number with one digit per dimension), computed
/// one point at a time, whatever the grid's size.
/// </summary>
/// <remarks>
/// Consecutive digits are grouped into chunks whose value ranges hold at most <c>chunkCapacity</c> (2^64 - 1 by default) values.
/// A grid of at most that many points is one chunk, permuted by one <see cref="IndexPermutation"/>. A larger grid is permuted
/// by a generalised Feistel network over its chunks: in each of three passes, each chunk in turn is permuted by an
/// <see cref="IndexPermutation"/> keyed by a hash of all the other chunks. Each step leaves the other chunks as they were, so
/// it can be undone, and the whole is a bijection of the grid.
/// </remarks>
internal static class GridPermutation
{
    private const int Passes = 3;
    private const ulong Salt = 0x3C6E_F372_FE94_F82BUL;

    /// <summary>Replaces <paramref name="digits"/> (digit i in [0, radices[i])) by the digits of their image.</summary>
    public static void Apply(ReadOnlySpan<long> radices, Span<long> digits, ulong seed, ulong chunkCapacity = ulong.MaxValue)
    {
        if (radices.Length == 0)
        {
            return;
        }

        // Chunk j covers digits [starts[j], starts[j + 1]) and has sizes[j] values; values[j] is its mixed-radix value.
        var starts = new int[radices.Length + 1];
        var sizes = new ulong[radices.Length];
        var chunks = 0;
        for (var i = 0; i < radices.Length; i++)
        {
            var radix = (ulong)radices[i];
            if (i > 0 && sizes[chunks - 1] <= chunkCapacity / radix)
            {
                sizes[chunks - 1] *= radix;
            }
            else
            {
                starts[chunks] = i;
                sizes[chunks++] = radix;
            }
        }

        starts[chunks] = radices.Length;
        var values = new ulong[chunks];
        for (var j = 0; j < chunks; j++)
        {
            for (var i = starts[j]; i < starts[j + 1]; i++)
            {
                values[j] = (values[j] * (ulong)radices[i]) + (ulong)digits[i];
            }
        }

        var key = SeedMixer.Mix(seed ^ Salt);
        if (chunks == 1)
        {
            values[0] = new IndexPermutation(sizes[0], key)[values[0]];
        }
        else
        {
            Mix(values, sizes.AsSpan(0, chunks), key);
        }

        for (var j = 0; j < chunks; j++)
        {
            for (var i = starts[j + 1] - 1; i >= starts[j]; i--)
            {
                var radix = (ulong)radices[i];
                digits[i] = (long)(values[j] % radix);
                values[j] /= radix;
            }
        }
    }

    private static void Mix(ulong[] values, ReadOnlySpan<ulong> sizes, ulong key)
    {
        // The hash of "every chunk but j" is the sum of every chunk's term less chunk j's own.
        var terms = new ulong[values.Length];
        var total = 0UL;
        for (var j = 0; j < values.Length; j++)
        {
            terms[j] = Term(key, j, values[j]);
            total += terms[j];
        }

        for (var pass = 0; pass < Passes; pass++)
        {
            for (var j = 0; j < values.Length; j++)
            {
                var stepKey = SeedMixer.Mix(key + ((ulong)((pass * values.Length) + j) * 0x9E37_79B9_7F4A_7C15UL)) ^ (total - terms[j]);
                values[j] = new IndexPermutation(sizes[j], stepKey)[values[j]];
                var term = Term(key, j, values[j]);
                total += term - terms[j];
                terms[j] = term;
            }
        }
    }

    private static ulong Term(ulong key, int chunk, ulong value) =>
        SeedMixer.Mix(value ^ SeedMixer.Mix(key ^ (ulong)(chunk + 1)));
}
