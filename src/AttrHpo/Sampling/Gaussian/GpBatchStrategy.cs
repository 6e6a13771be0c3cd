namespace AttrHpo;

/// <summary>How <see cref="GpSampler"/> chooses a point while other trials of the batch are still running.</summary>
public enum GpBatchStrategy
{
    /// <summary>
    /// Batch expected improvement: the point that maximises the Monte Carlo expected improvement of the running trials'
    /// points together with it, over the GP's joint posterior (greedy sequential q-EI). Without running trials, log expected improvement.
    /// </summary>
    ExpectedImprovement,

    /// <summary>
    /// GP-UCB with pure exploration (Contal et al. 2013): without running trials, the point with the lowest lower confidence
    /// bound; with them, the point of largest posterior variance (given the running points) inside the region that may
    /// still hold the minimum.
    /// </summary>
    UcbPureExploration,
}
