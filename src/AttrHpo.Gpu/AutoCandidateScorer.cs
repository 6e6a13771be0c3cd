namespace AttrHpo;

/// <summary>
/// Managed code for small sweeps, where launching a kernel costs more than it saves; for larger ones CUDA when a CUDA GPU is
/// present (looked for once, on the first large sweep), managed code otherwise.
/// </summary>
/// <remarks>
/// The kernel runs one thread per candidate, so it needs enough candidates to fill a GPU: on an H100 against 16 Xeon cores
/// (docs/benchmarks.md, "GP candidate sweep") CUDA was 4 to 31 times faster at 100,000 candidates, 1.5 to 7 times at 2,000
/// candidates up to 1,000 observations, and slower (0.7 times) only at 2,000 candidates and 2,000 observations; against the
/// 2 cores this project targets, managed code is about 8 times slower still. Hence two small limits.
/// </remarks>
internal sealed class AutoCandidateScorer : ICandidateScorer
{
    /// <summary>Sweeps with fewer observations x candidates than this stay managed.</summary>
    internal const long ManagedBelow = 1L << 19;

    /// <summary>Sweeps with fewer candidates than this stay managed: too few threads to keep a GPU busy.</summary>
    internal const int ManagedBelowCandidates = 1_024;

    private readonly ManagedCandidateScorer _managed = new();
    private ICandidateScorer? _large;

    /// <inheritdoc />
    public void Score(GpPosterior posterior, ReadOnlySpan<double> candidates, double best, Span<double> mean, Span<double> variance, Span<double> logEi)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var m = candidates.Length / posterior.Dimensions;
        Pick(m, (long)posterior.Count * m).Score(posterior, candidates, best, mean, variance, logEi);
    }

    private ICandidateScorer Pick(int candidates, long work)
    {
        if (work < ManagedBelow || candidates < ManagedBelowCandidates)
        {
            return _managed;
        }

        if (_large is null)
        {
            _large = IlgpuCandidateScorer.IsCudaAvailable() ? IlgpuCandidateScorer.CreateCuda() : _managed;
        }

        return _large;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_large is not null && !ReferenceEquals(_large, _managed))
        {
            _large.Dispose();
        }

        _managed.Dispose();
    }
}
