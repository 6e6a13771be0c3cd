namespace AttrHpo;

/// <summary>
/// Keeps count of one optimisation call's trials as they start and finish (thread-safe), and the study's best trial, for
/// <see cref="StudyConsole"/>'s displays. Counts are this call's; the best trial and the trial budget take the study's earlier
/// trials into account.
/// </summary>
internal sealed class StudyMonitor : IStudyObserver, IWaitObserver, IReportObserver
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, RunningTrial> _running = [];
    private readonly Action<TrialRecord, bool>? _finished;
    private readonly Action<LeasedElsewhere>? _waiting;
    private readonly HashSet<string> _waitedFor = [];
    private readonly int? _planned;
    private readonly TimeSpan? _wallTimeLimit;
    private readonly long _startedAt;
    private int _complete;
    private int _failed;
    private int _pruned;
    private int _cancelled;
    private int _timedCount;
    private TimeSpan _timedTotal;
    private TrialRecord? _best;
    private ProgressStatus _status = ProgressStatus.Running;
    private TimeSpan? _stoppedAfter;
    private IReadOnlyList<LeasedElsewhere> _waitingFor = [];

    /// <summary>Creates a monitor for one call.</summary>
    /// <param name="studyName">The study's name.</param>
    /// <param name="direction">Whether smaller or larger values are better.</param>
    /// <param name="stop">The call's stop condition: its trial budget and wall time, if any, bound the estimate of the remaining time.</param>
    /// <param name="parallelism">How many trials the call runs at once (at least 1).</param>
    /// <param name="earlier">The study's trials before the call (earlier runs, other processes, enqueued ones).</param>
    /// <param name="time">The study's clock (the one that stamps the trials' start and finish).</param>
    /// <param name="finished">Called for each finished trial, under the monitor's lock (so calls never overlap), with whether it is the new best.</param>
    /// <param name="waiting">Called, under the monitor's lock, the first time the call waits for another worker's leased trials, once per worker.</param>
    public StudyMonitor(
        string studyName,
        Direction direction,
        StopCondition stop,
        int parallelism,
        IEnumerable<TrialRecord> earlier,
        TimeProvider time,
        Action<TrialRecord, bool>? finished = null,
        Action<LeasedElsewhere>? waiting = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        StudyName = studyName;
        Direction = direction;
        Parallelism = parallelism;
        Time = time;
        _finished = finished;
        _waiting = waiting;
        _startedAt = time.GetTimestamp();
        var counted = 0;
        foreach (var trial in earlier.Where(t => t.IsFinished))
        {
            EarlierTrials++;
            counted += trial.State == TrialState.Cancelled ? 0 : 1;
            ConsiderBest(trial);
        }

        // Finished trials count toward the study's total (cancelled ones do not, as in storage); waiting or running ones are
        // still to run. A count of more trials is this call's alone.
        _planned = stop.PlannedTrials(counted);

        _wallTimeLimit = stop.TimeLimit;
    }

    /// <summary>The study's name.</summary>
    public string StudyName { get; }

    /// <summary>Whether smaller or larger values are better.</summary>
    public Direction Direction { get; }

    /// <summary>The objective's name, shown as the metric; none when <see langword="null"/>.</summary>
    public string? Metric { get; init; }

    /// <summary>How many trials the call runs at once.</summary>
    public int Parallelism { get; }

    /// <summary>How many finished trials the study held before the call.</summary>
    public int EarlierTrials { get; }

    /// <summary>The study's clock.</summary>
    public TimeProvider Time { get; }

    /// <inheritdoc />
    public void TrialStarted(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            _running[trial.Number] = new RunningTrial(trial.Number, trial.Started ?? Time.GetUtcNow(), trial.Reports.Count > 0 ? trial.Reports[^1] : null);
        }
    }

    /// <inheritdoc />
    public void TrialReported(int number, IntermediateValue report)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(number, out var running))
            {
                _running[number] = running with { LastReport = report };
            }
        }
    }

    /// <inheritdoc />
    public void TrialFinished(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_gate)
        {
            _running.Remove(trial.Number);
            switch (trial.State)
            {
                case TrialState.Complete:
                    _complete++;
                    break;
                case TrialState.Failed:
                    _failed++;
                    break;
                case TrialState.Pruned:
                    _pruned++;
                    break;
                default:
                    _cancelled++;
                    break;
            }

            // A trial cancelled because the study stopped says little about how long a trial takes.
            if (trial.State != TrialState.Cancelled && trial.Duration is { } duration && duration >= TimeSpan.Zero)
            {
                _timedCount++;
                _timedTotal += duration;
            }

            var newBest = ConsiderBest(trial);
            _finished?.Invoke(trial, newBest);
        }
    }

    /// <inheritdoc />
    public void WaitingFor(IReadOnlyList<LeasedElsewhere> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        lock (_gate)
        {
            if (_stoppedAfter is not null)
            {
                return;
            }

            _waitingFor = others;
            foreach (var other in others.Where(o => _waitedFor.Add(o.Worker)))
            {
                _waiting?.Invoke(other);
            }
        }
    }

    /// <summary>Marks the call as being cancelled: its running trials are being stopped.</summary>
    public void Cancelling()
    {
        lock (_gate)
        {
            if (_status == ProgressStatus.Running)
            {
                _status = ProgressStatus.Cancelling;
            }
        }
    }

    /// <summary>Marks the call as over: no trial runs any more, and the elapsed time stops. Only the first call counts.</summary>
    /// <param name="status">How it ended: <see cref="ProgressStatus.Finished"/>, <see cref="ProgressStatus.Cancelled"/> or <see cref="ProgressStatus.Failed"/>.</param>
    public void Stopped(ProgressStatus status)
    {
        lock (_gate)
        {
            if (_stoppedAfter is not null)
            {
                return;
            }

            _status = status;
            _stoppedAfter = Time.GetElapsedTime(_startedAt);
            _running.Clear();
            _waitingFor = [];
        }
    }

    /// <summary>Everything a display shows, as of now.</summary>
    public ProgressSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ProgressSnapshot(
                StudyName,
                _status,
                _complete,
                _running.Count,
                _failed,
                _pruned,
                _cancelled,
                EarlierTrials,
                _planned,
                _best,
                _stoppedAfter ?? Time.GetElapsedTime(_startedAt),
                _stoppedAfter is null ? EstimateRemaining() : TimeSpan.Zero)
            {
                WaitingFor = _waitingFor,
                Metric = Metric,
                Direction = Direction,
                RunningTrials = [.. _running.Values],
            };
        }
    }

    /// <summary>
    /// The time left: the least of what the trial budget needs (<see cref="EstimateBudgetLeft"/>) and what the wall-time limit
    /// allows (no new trial starts after it, and running ones take about a mean trial more); <see langword="null"/> (unknown)
    /// when neither is known, or while cancelling.
    /// </summary>
    private TimeSpan? EstimateRemaining()
    {
        if (_status == ProgressStatus.Cancelling)
        {
            return null;
        }

        var budgetLeft = EstimateBudgetLeft();
        if (_wallTimeLimit is not { } limit)
        {
            return budgetLeft;
        }

        var wallLeft = Max(limit - Time.GetElapsedTime(_startedAt), TimeSpan.Zero) + (_timedCount == 0 ? TimeSpan.Zero : _timedTotal / _timedCount);
        return budgetLeft is { } left && left < wallLeft ? left : wallLeft;
    }

    /// <summary>
    /// The time the trial budget needs: the mean duration of this call's finished trials times the trials still to start, plus
    /// what the running ones still need, shared among the workers that have work; never less than the longest running trial
    /// still needs. <see langword="null"/> (unknown) without a trial budget or before a trial of this call has finished.
    /// </summary>
    private TimeSpan? EstimateBudgetLeft()
    {
        if (_planned is not { } planned || _timedCount == 0)
        {
            return null;
        }

        var mean = _timedTotal / _timedCount;
        var now = Time.GetUtcNow();
        var runningLeft = _running.Values.Select(running => Max(mean - (now - running.Started), TimeSpan.Zero)).ToList();
        var toStart = Math.Max(planned - (_complete + _failed + _pruned) - _running.Count, 0);
        var workers = Math.Min(Parallelism, toStart + runningLeft.Count);
        if (workers == 0)
        {
            return TimeSpan.Zero;
        }

        var work = (mean * toStart) + runningLeft.Aggregate(TimeSpan.Zero, (sum, left) => sum + left);
        return Max(work / workers, runningLeft.Count == 0 ? TimeSpan.Zero : runningLeft.Max());
    }

    private bool ConsiderBest(TrialRecord trial)
    {
        if (!BestTrial.Beats(trial, _best, Direction))
        {
            return false;
        }

        _best = trial;
        return true;
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
