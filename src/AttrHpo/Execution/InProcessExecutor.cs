namespace AttrHpo;

/// <summary>
/// Runs trials in this process on the thread pool, at most <see cref="Slots"/> at once (CPU slots: by default the number of
/// processors), shared by every study given this object. A study without an executor runs its trials in process too, limited
/// only by its parallelism.
/// </summary>
public sealed class InProcessExecutor : ITrialExecutor
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates an executor with <paramref name="slots"/> CPU slots.</summary>
    /// <param name="slots">How many trials run at once; the number of processors when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slots"/> is below 1.</exception>
    public InProcessExecutor(int? slots = null)
    {
        Slots = slots ?? Environment.ProcessorCount;
        if (Slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "An executor needs at least one slot.");
        }

        _slots = new SemaphoreSlim(Slots, Slots);
    }

    /// <inheritdoc />
    public int Slots { get; }

    /// <inheritdoc />
    public async ValueTask<double> InvokeAsync(TrialInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await invocation.Objective.InvokeJsonAsync(invocation.ParametersJson, invocation.Context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _slots.Dispose();
        return ValueTask.CompletedTask;
    }
}
