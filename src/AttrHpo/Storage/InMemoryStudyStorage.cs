namespace AttrHpo;

/// <summary>Keeps trials in memory for the life of the object: fast, and gone when the process ends.</summary>
public sealed class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly List<TrialRecord?> _trials = [];

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrialRecord>> GetTrialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<TrialRecord> snapshot = [.. _trials.OfType<TrialRecord>()];
            return ValueTask.FromResult(snapshot);
        }
    }

    /// <inheritdoc />
    public ValueTask AddTrialAsync(TrialRecord trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            while (_trials.Count <= trial.Number)
            {
                _trials.Add(null);
            }

            if (_trials[trial.Number] is not null)
            {
                throw new InvalidOperationException($"Trial {trial.Number} exists already; trial numbers are never reused.");
            }

            _trials[trial.Number] = trial;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask UpdateTrialAsync(TrialRecord trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var existing = trial.Number < _trials.Count ? _trials[trial.Number] : null;
            if (existing is null)
            {
                throw new InvalidOperationException($"Trial {trial.Number} does not exist; add it before updating it.");
            }

            if (existing.IsFinished)
            {
                throw new InvalidOperationException($"Trial {trial.Number} finished as {existing.State} and cannot change.");
            }

            _trials[trial.Number] = trial;
        }

        return ValueTask.CompletedTask;
    }
}
