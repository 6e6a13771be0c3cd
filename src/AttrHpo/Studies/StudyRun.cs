namespace AttrHpo;

/// <summary>
/// The mutable state of one <see cref="Study{TParameters}.OptimizeAsync"/> call, owned by that call and shared by its workers
/// under one lock: trial numbers handed out, points of running trials, and the observations samplers see.
/// </summary>
internal sealed class StudyRun
{
    private readonly Lock _gate = new();
    private readonly Direction _direction;
    private readonly int _budget;
    private readonly Dictionary<int, IReadOnlyList<double>> _pending = [];
    private readonly List<Observation> _completed = [];
    private int _reserved;
    private int _nextNumber;
    private int _firstErrorNumber = int.MaxValue;
    private Exception? _firstErrorException;

    public StudyRun(Direction direction, IReadOnlyList<TrialRecord> history, int budget)
    {
        _direction = direction;
        _budget = budget;
        _nextNumber = history.Count == 0 ? 0 : history.Max(t => t.Number) + 1;
        foreach (var trial in history)
        {
            AddObservation(trial);
        }
    }

    /// <summary>
    /// The exception thrown by trial <paramref name="number"/> if it is the lowest-numbered trial of this run that ended
    /// with an error; <see langword="null"/> otherwise, or if that trial threw nothing (it returned NaN, say).
    /// </summary>
    /// <param name="number">The number of the trial the study's failure message names.</param>
    public Exception? FirstExceptionIfNumber(int number)
    {
        lock (_gate)
        {
            return number == _firstErrorNumber ? _firstErrorException : null;
        }
    }

    /// <summary>Reserves the next trial number while budget remains, with snapshots of what the sampler may see.</summary>
    public bool TryReserve(out int number, out IReadOnlyList<Observation> completed, out IReadOnlyList<IReadOnlyList<double>> pending)
    {
        lock (_gate)
        {
            if (_reserved >= _budget)
            {
                (number, completed, pending) = (-1, [], []);
                return false;
            }

            _reserved++;
            number = _nextNumber++;
            completed = [.. _completed];
            pending = [.. _pending.Values];
            return true;
        }
    }

    public void MarkRunning(int number, IReadOnlyList<double> point)
    {
        lock (_gate)
        {
            _pending[number] = point;
        }
    }

    public void MarkFinished(int number, TrialRecord finished, Exception? exception)
    {
        lock (_gate)
        {
            _pending.Remove(number);
            AddObservation(finished);

            // By trial number, not by finishing order, so that it matches the error the study's failure message names.
            if (finished.Error is not null && number < _firstErrorNumber)
            {
                _firstErrorNumber = number;
                _firstErrorException = exception;
            }
        }
    }

    private void AddObservation(TrialRecord trial)
    {
        if (trial.State == TrialState.Complete && trial.Value is { } value)
        {
            _completed.Add(new Observation(trial.Point, _direction == Direction.Minimize ? value : -value));
        }
    }
}
