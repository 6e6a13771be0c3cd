namespace AttrHpo;

/// <summary>
/// Hyperband's brackets <c>s = 0 .. sMax</c> and which trial belongs to which, shared by both forms (<see cref="HyperbandRule"/>
/// and <see cref="Promotion.Hyperband"/>): bracket <c>s</c> gets trials in proportion to Li et al.'s bracket size
/// <c>n_s = ceil((sMax + 1) / (sMax - s + 1) * eta^(sMax - s))</c>, by a hash of the trial number (deterministic, independent of
/// timing and of how many processes run the study).
/// </summary>
internal sealed class HyperbandBrackets
{
    private readonly long[] _cumulativeSizes;

    /// <param name="count">How many brackets (<c>sMax + 1</c>), at least 1.</param>
    /// <param name="reductionFactor">Hyperband's eta.</param>
    public HyperbandBrackets(int count, int reductionFactor)
    {
        var sMax = count - 1;
        _cumulativeSizes = new long[count];
        long total = 0;
        for (var s = 0; s < count; s++)
        {
            total += (long)Math.Ceiling((sMax + 1.0) / (sMax - s + 1) * Math.Pow(reductionFactor, sMax - s));
            _cumulativeSizes[s] = total;
        }
    }

    /// <summary>How many brackets there are.</summary>
    public int Count => _cumulativeSizes.Length;

    /// <summary>The number of brackets for budgets from <paramref name="min"/> to <paramref name="max"/>: one per halving that fits, plus one.</summary>
    public static int CountFor(long min, long max, int reductionFactor)
    {
        var count = 1;
        for (var step = (Int128)min * reductionFactor; step <= max; step *= reductionFactor)
        {
            count++;
        }

        return count;
    }

    /// <summary>The bracket trial <paramref name="trial"/> belongs to, from 0 (the most aggressive).</summary>
    public int Of(int trial)
    {
        if (_cumulativeSizes.Length == 1)
        {
            return 0;
        }

        var position = (long)(SeedMixer.Mix((ulong)trial) % (ulong)_cumulativeSizes[^1]);
        var index = Array.BinarySearch(_cumulativeSizes, position + 1);
        return index >= 0 ? index : ~index;
    }
}
