namespace AttrHpo;

/// <summary>
/// A keyed pseudo-random permutation of [0, size), computed one index at a time without materialising it: a balanced
/// Feistel network on the smallest even number of bits that holds size - 1, restricted to [0, size) by cycle walking
/// (Black and Rogaway 2002). The network's domain is less than 4 x size, so fewer than 4 steps are taken on average.
/// </summary>
internal readonly struct IndexPermutation
{
    private const int Rounds = 6;
    private const ulong Salt = 0xF215_7E1A_C0DE_D00DUL;
    private readonly ulong _size;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong _key;

    /// <summary>Creates the permutation of [0, <paramref name="size"/>) keyed by <paramref name="seed"/>.</summary>
    public IndexPermutation(ulong size, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        _size = size;
        var bits = size <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(size - 1);
        _halfBits = Math.Max(1, (bits + 1) / 2);
        _halfMask = (1UL << _halfBits) - 1;
        _key = SeedMixer.Mix(seed ^ Salt);
    }

    /// <summary>The image of <paramref name="index"/>, which must be less than the size.</summary>
    public ulong this[ulong index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _size);
            if (_size == 1)
            {
                return 0;
            }

            // The network permutes [0, 4^halfBits), a superset of [0, size): following index's cycle until it comes back
            // into [0, size) gives a permutation of [0, size).
            var value = index;
            do
            {
                value = Encrypt(value);
            }
            while (value >= _size);

            return value;
        }
    }

    private ulong Encrypt(ulong value)
    {
        var left = (value >> _halfBits) & _halfMask;
        var right = value & _halfMask;
        for (var round = 0; round < Rounds; round++)
        {
            var next = left ^ (Round(round, right) & _halfMask);
            left = right;
            right = next;
        }

        return (left << _halfBits) | right;
    }

    private ulong Round(int round, ulong half) =>
        SeedMixer.Mix(SeedMixer.Mix(half ^ _key) + ((ulong)round * 0x9E37_79B9_7F4A_7C15UL) + _key);
}
