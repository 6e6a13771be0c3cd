namespace AttrHpo.Benchmarks;

/// <summary>
/// Shows a sampler the benchmark's failed trials as observations with a loss of +infinity, as a study does once failed
/// trials reach samplers (<see cref="SamplingContext.Completed"/>). A stand-in until then: when the context already holds a
/// non-finite loss, the study does it and the context is passed on as it is.
/// </summary>
internal sealed class FailureAwareSampler(ISampler inner) : ISampler, IDisposable
{
    private readonly Dictionary<int, double[]> _suggested = [];
    private readonly List<Observation> _failed = [];

    /// <summary>Records that trial <paramref name="number"/> failed.</summary>
    public void Failed(int number)
    {
        lock (_failed)
        {
            _failed.Add(new Observation(_suggested[number], double.PositiveInfinity));
        }
    }

    public double[] Suggest(SamplingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var effective = context;
        lock (_failed)
        {
            if (_failed.Count > 0 && context.Completed.All(o => double.IsFinite(o.Loss)))
            {
                effective = new SamplingContext(context.Space, context.TrialNumber, context.Seed, [.. context.Completed, .. _failed], context.Pending);
            }
        }

        var point = inner.Suggest(effective);
        lock (_failed)
        {
            _suggested[context.TrialNumber] = point;
        }

        return point;
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
