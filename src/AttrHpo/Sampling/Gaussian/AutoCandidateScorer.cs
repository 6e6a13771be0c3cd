namespace AttrHpo;

/// <summary>
/// Managed code for small sweeps, where launching a kernel costs more than it saves; for larger ones CUDA when a CUDA GPU is
/// present (looked for once, on the first large sweep), managed code otherwise.
/// </summary>
internal sealed class AutoCandidateScorer : ICandidateScorer
{
    /// <summary>Sweeps with fewer observations x candidates than this stay managed.</summary>
    internal const long ManagedBelow = 1L << 20;

    private readonly ManagedCandidateScorer _managed = new();
    private ICandidateScorer? _large;

    /// <inheritdoc />
    public void Score(GpPosterior posterior, ReadOnlySpan<double> candidates, double best, Span<double> mean, Span<double> variance, Span<double> logEi)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        Pick((long)posterior.Count * (candidates.Length / posterior.Dimensions)).Score(posterior, candidates, best, mean, variance, logEi);
    }

    private ICandidateScorer Pick(long work)
    {
        if (work < ManagedBelow)
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
