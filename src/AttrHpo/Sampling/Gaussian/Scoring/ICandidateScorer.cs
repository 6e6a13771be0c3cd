namespace AttrHpo;

/// <summary>
/// Scores a sweep of candidate points against a fitted GP posterior: posterior mean, latent variance and log expected
/// improvement for each. Implementations: <see cref="ManagedCandidateScorer"/> (parallel managed code) and, in the
/// AttrHpo.Gpu package, an ILGPU kernel on the CPU accelerator or CUDA; <see cref="GpCandidateSweep"/> picks one by configuration. Every implementation gives the same numbers to 1e-9 relative.
/// </summary>
/// <remarks>An instance may keep buffers between calls: use one instance from one thread at a time.</remarks>
internal interface ICandidateScorer : IDisposable
{
    /// <summary>Scores m candidates.</summary>
    /// <param name="posterior">The fitted posterior.</param>
    /// <param name="candidates">m points, m * d values row-major, in the posterior's unit-cube encoding.</param>
    /// <param name="best">The best (smallest) loss so far, on the posterior's scale.</param>
    /// <param name="mean">Receives the posterior mean of each candidate, PriorMean included (m values).</param>
    /// <param name="variance">Receives the latent posterior variance of each candidate, without noise, clamped at 0 (m values).</param>
    /// <param name="logEi">Receives <see cref="LogExpectedImprovement.Compute"/>(mean, sqrt(variance), best) (m values).</param>
    void Score(GpPosterior posterior, ReadOnlySpan<double> candidates, double best, Span<double> mean, Span<double> variance, Span<double> logEi);
}
