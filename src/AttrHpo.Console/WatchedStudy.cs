namespace AttrHpo;

/// <summary>
/// A stored study as <c>StudyConsole.WatchAsync</c> sees it: its trials, brought up to date from storage's changes, and the
/// panel's snapshot of them. Counts are the whole study's, whichever process runs its trials.
/// </summary>
internal sealed class WatchedStudy
{
    private readonly SortedDictionary<int, TrialRecord> _trials = [];
    private readonly StoredStudy _study;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private TrialRecord? _best;

    public WatchedStudy(StoredStudy study, TimeProvider time)
    {
        _study = study;
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    /// <summary>The storage version read up to: the next read asks for changes after it.</summary>
    public long Version { get; private set; }

    /// <summary>The objective's name: the last part of its id (<c>Train</c> of <c>Samples.Digits.Train</c>).</summary>
    public string Metric => _study.Identity.ObjectiveId[(_study.Identity.ObjectiveId.LastIndexOf('.') + 1)..];

    /// <summary>Takes in what changed; returns the trials that finished since the last read, by number, each with whether it became the best.</summary>
    public IReadOnlyList<(TrialRecord Trial, bool NewBest)> Apply(TrialChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var finished = new List<(TrialRecord, bool)>();
        foreach (var trial in changes.Trials.OrderBy(t => t.Number))
        {
            var known = _trials.TryGetValue(trial.Number, out var previous) && previous.IsFinished && previous.Starts == trial.Starts;
            _trials[trial.Number] = trial;
            if (trial.IsFinished && !known)
            {
                finished.Add((trial, ConsiderBest(trial)));
            }
        }

        Version = Math.Max(Version, changes.Version);
        return finished;
    }

    /// <summary>The panel's view of the study now; <paramref name="over"/> once watching has stopped.</summary>
    public ProgressSnapshot Snapshot(bool over)
    {
        int Count(TrialState state) => _trials.Values.Count(t => t.State == state);
        var running = over ? [] : _trials.Values
            .Where(t => t.State == TrialState.Running)
            .Select(t => new RunningTrial(t.Number, t.Started ?? _time.GetUtcNow(), t.Reports.Count > 0 ? t.Reports[^1] : null))
            .ToList();
        return new ProgressSnapshot(
            _study.Version == 1 ? _study.Name : $"{_study.Name} v{_study.Version}",
            over ? ProgressStatus.Finished : ProgressStatus.Running,
            Count(TrialState.Complete),
            running.Count,
            Count(TrialState.Failed),
            Count(TrialState.Pruned),
            Count(TrialState.Cancelled),
            Earlier: 0,
            Planned: null,
            _best,
            _time.GetElapsedTime(_startedAt),
            Remaining: null)
        {
            Metric = Metric,
            Direction = _study.Identity.Direction,
            RunningTrials = running,
            Watching = true,
        };
    }

    private bool ConsiderBest(TrialRecord trial)
    {
        if (!BestTrial.Beats(trial, _best, _study.Identity.Direction))
        {
            return false;
        }

        _best = trial;
        return true;
    }
}
