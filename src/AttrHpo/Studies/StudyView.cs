namespace AttrHpo;

/// <summary>
/// What one <see cref="Study{TParameters}.OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/> call knows of its study's trials, kept current from storage's
/// changes (never by re-reading the whole study), shared by its workers under one lock. Also counts this run's outcomes
/// for the fail-fast rule and keeps the exception of its first failed trial.
/// </summary>
internal sealed class StudyView(Direction direction, IPruner? pruner = null, PromotionSchedule? promotions = null)
{
    private readonly Lock _gate = new();
    private readonly HashSet<int> _observed = [];
    private readonly Dictionary<int, long> _lastSteps = [];
    private readonly Dictionary<int, long> _versions = [];
    private readonly Dictionary<int, (string Worker, DateTimeOffset? LeaseUntil)> _running = [];
    private readonly SamplerHistory _history = new(direction);
    private readonly SortedDictionary<int, IReadOnlyList<double>> _pending = [];
    private double? _bestLoss;
    private int _completeSinceBest;
    private int _finishedInRun;
    private int _failedInRun;
    private int _firstErrorNumber = int.MaxValue;
    private Exception? _firstErrorException;

    /// <summary>The storage version this view has seen.</summary>
    public long Version { get; private set; }

    /// <summary>Brings the view up to date with changes read from storage.</summary>
    public void Apply(TrialChanges changes)
    {
        lock (_gate)
        {
            foreach (var trial in changes.Trials)
            {
                Put(trial);
            }

            Version = Math.Max(Version, changes.Version);
        }
    }

    /// <summary>Takes in one trial this process just wrote.</summary>
    public void Apply(TrialRecord trial)
    {
        lock (_gate)
        {
            Put(trial);
        }
    }

    /// <summary>
    /// What a sampler may see when it proposes points for trials <paramref name="numbers"/>: the finished trials that
    /// <see cref="SamplerHistory"/>'s rule picks (with <paramref name="minPerBudget"/> results a budget or step needs), and the
    /// points of every other running trial.
    /// </summary>
    public (IReadOnlyList<Observation> Completed, IReadOnlyList<IReadOnlyList<double>> Pending) ForSampler(IReadOnlyCollection<int> numbers, int minPerBudget = 1)
    {
        lock (_gate)
        {
            IReadOnlyList<IReadOnlyList<double>> pending = [.. _pending.Where(p => !numbers.Contains(p.Key)).Select(p => p.Value)];
            return (_history.Select(minPerBudget), pending);
        }
    }

    /// <summary>What stop conditions look at, after <paramref name="elapsed"/> of this run.</summary>
    public StopState StopState(TimeSpan elapsed)
    {
        lock (_gate)
        {
            return new StopState(elapsed, _bestLoss, _completeSinceBest, direction);
        }
    }

    /// <summary>Counts a trial this run finished, keeping the exception of the lowest-numbered one that failed.</summary>
    public void Finished(TrialRecord trial, Exception? exception)
    {
        lock (_gate)
        {
            Put(trial);
            _finishedInRun++;
            if (trial.State == TrialState.Failed)
            {
                _failedInRun++;
            }

            if (trial.Error is not null && trial.Number < _firstErrorNumber)
            {
                _firstErrorNumber = trial.Number;
                _firstErrorException = exception;
            }
        }
    }

    /// <summary>The other workers with trials running under leases that expire: how many each runs, and the latest end of their leases.</summary>
    public IReadOnlyList<LeasedElsewhere> WorkersElsewhere(string worker)
    {
        lock (_gate)
        {
            var never = DateTimeOffset.MaxValue.AddYears(-1);
            return [.. _running.Values
                .Where(r => r.Worker != worker && r.LeaseUntil is { } until && until < never)
                .GroupBy(r => r.Worker)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new LeasedElsewhere(g.Key, g.Count(), g.Max(r => r.LeaseUntil!.Value)))];
        }
    }

    /// <summary>Every other worker with running trials, under any lease (ask/tell trials asked without one included).</summary>
    public IReadOnlyList<string> RunningWorkers(string worker)
    {
        lock (_gate)
        {
            return [.. _running.Values.Select(r => r.Worker).Where(w => w != worker).Distinct()];
        }
    }

    /// <summary>Whether trial <paramref name="number"/> is running as far as this view knows, and the last step it stored (if any).</summary>
    public (bool Running, long? LastStep) RunningTrial(int number)
    {
        lock (_gate)
        {
            return (_running.ContainsKey(number), _lastSteps.TryGetValue(number, out var step) ? step : null);
        }
    }

    /// <summary>Whether at least <paramref name="threshold"/> trials finished in this run and every one of them failed.</summary>
    public bool AllFailed(int threshold)
    {
        lock (_gate)
        {
            return threshold > 0 && _finishedInRun >= threshold && _failedInRun == _finishedInRun;
        }
    }

    /// <summary>The exception of trial <paramref name="number"/>, if it is the lowest-numbered trial of this run that ended with an error.</summary>
    public Exception? FirstExceptionIfNumber(int number)
    {
        lock (_gate)
        {
            return number == _firstErrorNumber ? _firstErrorException : null;
        }
    }

    private void Put(TrialRecord trial)
    {
        // Reads and writes of several workers arrive in any order: a record older than the one seen already changes nothing.
        if (_versions.TryGetValue(trial.Number, out var seen) && trial.Version < seen)
        {
            return;
        }

        _versions[trial.Number] = trial.Version;
        promotions?.Observe(trial);

        // An early-stopping rule learns from every trial's stored reports, running or finished: earlier runs' and other
        // processes' too, restored as they were made (never judged again). Rules are idempotent per trial, so reports this
        // process made live change nothing here.
        if (pruner is not null && trial.Reports.Count > 0)
        {
            pruner.Restore(trial.Number, trial.Reports);
        }

        if (trial.State == TrialState.Running && trial.Reports.Count > 0)
        {
            _lastSteps[trial.Number] = trial.Reports[^1].Step;
        }
        else
        {
            _lastSteps.Remove(trial.Number);
        }

        if (trial.State == TrialState.Running)
        {
            _running[trial.Number] = (trial.Worker, trial.LeaseUntil);
        }
        else
        {
            _running.Remove(trial.Number);
        }

        if (trial.State == TrialState.Running && trial.HasParameters)
        {
            _pending[trial.Number] = trial.Point;
        }
        else
        {
            _pending.Remove(trial.Number);
        }

        _history.Add(trial);
        if (trial.State == TrialState.Complete && trial.Value is { } value && _observed.Add(trial.Number))
        {
            var loss = direction == Direction.Minimize ? value : -value;
            if (_bestLoss is not { } best || loss < best)
            {
                (_bestLoss, _completeSinceBest) = (loss, 0);
            }
            else
            {
                _completeSinceBest++;
            }
        }
    }
}
