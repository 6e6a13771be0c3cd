namespace AttrHpo;

/// <summary>Derives independent seeds from a study's seed with SplitMix64 (Steele, Lea and Flood 2014).</summary>
internal static class SeedMixer
{
    /// <summary>A 32-bit seed for trial <paramref name="trialNumber"/> of a study seeded with <paramref name="studySeed"/>.</summary>
    public static int TrialSeed(ulong studySeed, int trialNumber) =>
        (int)(Mix(studySeed ^ Mix((ulong)trialNumber + 0x632BE59BD9B4E019UL)) >> 33);

    /// <summary>The SplitMix64 output function.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
