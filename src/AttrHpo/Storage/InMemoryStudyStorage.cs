namespace AttrHpo;

/// <summary>
/// Keeps studies in memory for the life of the object: fast, shared by every worker of this process, and gone when the
/// process ends. The reference behaviour every other storage matches (the same contract tests run against each).
/// </summary>
public sealed partial class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StudyState> _studies = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask OpenStudyAsync(StudyIdentity study, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_studies.TryGetValue(study.Name, out var existing))
            {
                StudyMismatch.Check(existing.Identity, study);
                if (existing.Identity.Space is null && study.Space is not null)
                {
                    existing.Identity = existing.Identity with { Space = study.Space };
                }
            }
            else
            {
                _studies.Add(study.Name, new StudyState(study));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord?> StartTrialAsync(string study, TrialLease lease, int budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return Write(study, cancellationToken: cancellationToken, change: state =>
        {
            var waiting = state.FirstWaiting;
            if (waiting is null && state.Counted >= budget)
            {
                return null;
            }

            var trial = (waiting ?? NewTrial(state.Trials.Count, TrialState.Waiting, [], string.Empty)) with
            {
                State = TrialState.Running,
                Reports = [],
                Worker = lease.Worker,
                LeaseUntil = lease.LeaseUntil,
                Started = lease.Now,
                Starts = (waiting?.Starts ?? 0) + 1,
            };
            return state.Put(trial);
        });
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> EnqueueTrialAsync(string study, IReadOnlyList<double> point, string parametersJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrEmpty(parametersJson);
        return Write(study, cancellationToken: cancellationToken, change: state => state.Put(NewTrial(state.Trials.Count, TrialState.Waiting, [.. point], parametersJson)))!;
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, IReadOnlyList<double> point, string parametersJson, int seed, CancellationToken cancellationToken) =>
        SetParametersAsync(study, number, new TrialAssignment(point, parametersJson, seed), cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, TrialAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(assignment.Point);
        ArgumentException.ThrowIfNullOrEmpty(assignment.ParametersJson);
        return Write(study, cancellationToken: cancellationToken, change: state =>
        {
            var running = Running(state, study, number);
            if (assignment.PromotedFrom is { } from && state.PromotionOf(from) is { } holder && holder != number)
            {
                throw new PromotionTakenException(study, from, holder);
            }

            return state.Put(running with
            {
                Point = [.. assignment.Point],
                ParametersJson = assignment.ParametersJson,
                Seed = assignment.Seed,
                Budget = assignment.Budget,
                PromotedFrom = assignment.PromotedFrom,
            });
        })!;
    }

    /// <inheritdoc />
    public async ValueTask RenewLeasesAsync(string study, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await Write(study, cancellationToken: cancellationToken, change: state =>
        {
            foreach (var trial in state.RunningTrials.Where(t => t.Worker == worker).ToList())
            {
                state.Put(trial with { LeaseUntil = leaseUntil });
            }

            return null;
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask<TrialRecord> AddReportsAsync(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return Write(study, cancellationToken: cancellationToken, change: state =>
        {
            var running = Running(state, study, number, attempt);
            var fresh = StoredReports.After(running.Reports, reports);
            return fresh.Count == 0 ? running : state.Put(running with { Reports = [.. running.Reports, .. fresh] });
        })!;
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> FinishTrialAsync(string study, int number, TrialEnd outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Write(study, cancellationToken: cancellationToken, change: state =>
        {
            var running = Running(state, study, number, outcome.Attempt);
            IReadOnlyList<IntermediateValue> reports = [.. running.Reports, .. StoredReports.After(running.Reports, outcome.Reports)];
            return state.Put(running with
            {
                State = outcome.State,
                Value = StoredReports.EndValue(outcome, reports),
                Error = outcome.Error,
                Finished = outcome.Finished,
                Reports = reports,
                Attributes = TrialAttributes.Copy(outcome.Attributes),
                LeaseUntil = null,
            });
        })!;
    }

    /// <inheritdoc />
    public async ValueTask<int> RecoverExpiredTrialsAsync(string study, DateTimeOffset now, int maxStarts, CancellationToken cancellationToken)
    {
        var recovered = 0;
        await Write(study, cancellationToken: cancellationToken, change: state =>
        {
            foreach (var trial in state.RunningTrials.Where(t => t.LeaseUntil < now).ToList())
            {
                state.Put(ExpiredTrials.Recover(trial, now, maxStarts));
                recovered++;
            }

            return null;
        }).ConfigureAwait(false);
        return recovered;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryLockSamplerAsync(string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(study);
            if (state.SamplerLock is { } held && held.Owner != owner && held.Until >= now)
            {
                return ValueTask.FromResult(false);
            }

            state.SamplerLock = (owner, until);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<string?> GetSamplerLockHolderAsync(string study, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(Find(study).SamplerLock is { } held && held.Until >= now ? held.Owner : null);
        }
    }

    /// <inheritdoc />
    public ValueTask UnlockSamplerAsync(string study, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(study);
            if (state.SamplerLock?.Owner == owner)
            {
                state.SamplerLock = null;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Does nothing: the studies live as long as the object.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<TrialChanges> GetChangesAsync(string study, long since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(study);
            return ValueTask.FromResult(new TrialChanges(state.ChangedSince(since), state.Version));
        }
    }

    private static TrialRecord NewTrial(int number, TrialState state, IReadOnlyList<double> point, string json) =>
        new() { Number = number, State = state, Point = point, ParametersJson = json };

    private static TrialRecord Running(StudyState state, string study, int number, int? attempt = null)
    {
        var trial = number >= 0 && number < state.Trials.Count ? state.Trials[number] : null;
        if (trial is { State: TrialState.Running } && attempt is { } start && trial.Starts != start)
        {
            throw new StudyStorageException(TrialMessages.StartedAgain(study, number, start, trial.Starts));
        }

        return trial is { State: TrialState.Running }
            ? trial
            : throw new StudyStorageException(trial is null
                ? $"Study '{study}' has no trial {number}."
                : TrialMessages.NotRunning(study, number, trial.State));
    }

    private ValueTask<TrialRecord?> Write(string study, Func<StudyState, TrialRecord?> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(change(Find(study)));
        }
    }

    private StudyState Find(string study) =>
        _studies.TryGetValue(study, out var state)
            ? state
            : throw new StudyStorageException($"No study is named '{study}'; open it with OpenStudyAsync first.");

    /// <summary>
    /// One study's trials, indexed by number, with a log of which trial changed at which version and running counts, so that
    /// starting a trial and reading changes cost O(1) and O(changes), never O(trials).
    /// </summary>
    private sealed class StudyState(StudyIdentity identity)
    {
        private readonly List<(long Version, int Number)> _log = [];
        private readonly SortedSet<int> _waiting = [];
        private readonly HashSet<int> _running = [];
        private readonly Dictionary<int, int> _promotions = [];

        public StudyIdentity Identity { get; set; } = identity;

        /// <summary>The name of the study this is a version of: its own name for a first version.</summary>
        public string Family { get; set; } = identity.Name;

        /// <summary>Which version of <see cref="Family"/> this is.</summary>
        public int Number { get; init; } = 1;

        public List<TrialRecord> Trials { get; } = [];

        public long Version { get; private set; }

        /// <summary>Who holds the study's sampler lock, and until when; none when <see langword="null"/>.</summary>
        public (string Owner, DateTimeOffset Until)? SamplerLock { get; set; }

        /// <summary>Trials that count toward the budget: every state but cancelled.</summary>
        public int Counted { get; private set; }

        public TrialRecord? FirstWaiting => _waiting.Count == 0 ? null : Trials[_waiting.Min];

        public IEnumerable<TrialRecord> RunningTrials => _running.Select(n => Trials[n]);

        /// <summary>The trial that promotes trial <paramref name="number"/>, if any.</summary>
        public int? PromotionOf(int number) => _promotions.TryGetValue(number, out var holder) ? holder : null;

        public TrialRecord Put(TrialRecord trial)
        {
            Version++;
            trial = trial with { Version = Version };
            _log.Add((Version, trial.Number));
            var previous = trial.Number < Trials.Count ? Trials[trial.Number] : null;
            if (previous is null)
            {
                Trials.Add(trial);
            }
            else
            {
                Trials[trial.Number] = trial;
                Track(previous, -1);
            }

            Track(trial, +1);
            if (trial.PromotedFrom is { } from)
            {
                _promotions[from] = trial.Number;
            }

            return trial;
        }

        public IReadOnlyList<TrialRecord> ChangedSince(long since)
        {
            // The log is ordered by version: find the first entry after `since`, then every trial changed from there.
            var start = _log.BinarySearch((since + 1, int.MinValue), Comparer<(long Version, int Number)>.Create((a, b) => a.Version.CompareTo(b.Version)));
            start = start < 0 ? ~start : start;
            var numbers = new SortedSet<int>();
            for (var i = start; i < _log.Count; i++)
            {
                numbers.Add(_log[i].Number);
            }

            return [.. numbers.Select(n => Trials[n])];
        }

        private void Track(TrialRecord trial, int sign)
        {
            if (trial.State != TrialState.Cancelled)
            {
                Counted += sign;
            }

            var set = trial.State switch
            {
                TrialState.Waiting => _waiting,
                TrialState.Running => (ISet<int>)_running,
                _ => null,
            };
            if (sign > 0)
            {
                set?.Add(trial.Number);
            }
            else
            {
                set?.Remove(trial.Number);
            }
        }
    }
}
