namespace AttrHpo;

/// <summary>Ask/tell: for callers who drive their own loop (or their own cluster) instead of <c>OptimizeAsync</c>.</summary>
public sealed partial class Study<TParameters>
{
    private readonly Lock _askGate = new();
    private readonly Dictionary<int, ReportWriter> _askedReports = [];
    private StudyView? _askView;

    /// <summary>
    /// Starts a trial for the caller to run: an enqueued or re-queued trial first, otherwise a new one with parameters from the
    /// sampler, which sees every trial recorded so far. Report its result with <see cref="TellAsync(AskedTrial{TParameters}, double, CancellationToken)"/>.
    /// First, trials whose leases have ended (asked ones included) are taken back, so that they are asked again.
    /// </summary>
    /// <param name="lease">
    /// <para>
    /// How long the trial stays yours without a result. Ask/tell has no heartbeat, so a lease is never renewed: give one longer
    /// than the trial can take. Once it has ended, the next <c>AskAsync</c> or a running <c>OptimizeAsync</c> (in any process
    /// on the storage) takes the trial back: it is run again with the same parameters (or failed once it has been started
    /// <see cref="StudyOptions.MaxTrialStarts"/> times), and telling this <see cref="AskedTrial{TParameters}"/> then throws
    /// <see cref="StudyStorageException"/> and records nothing. Give a lease when the caller may die on another machine.
    /// </para>
    /// <para>
    /// Without a lease (the default), the trial is yours until told, however long it takes; but if the asking process dies, the
    /// trial stays running: it counts toward <see cref="StopCondition.TotalTrials"/>, the sampler treats its point as pending,
    /// and no study waits for it. It is run again only by an <c>OptimizeAsync</c> call on the same machine, which sees that the
    /// process named in its worker (<c>host/pid/ask</c>, or <see cref="StudyOptions.WorkerName"/> followed by <c>/ask</c>) has
    /// exited; otherwise it stays running until someone tells it by number, from anywhere
    /// (<see cref="TellAsync(int, TrialState, string?, CancellationToken)"/> with <see cref="TrialState.Cancelled"/> takes it
    /// out of the count).
    /// </para>
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<AskedTrial<TParameters>> AskAsync(TimeSpan? lease = null, CancellationToken cancellationToken = default)
    {
        if (lease is { } positive && positive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "A lease is how long the asked trial stays yours: give a positive time, or none to keep it until told.");
        }

        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var view = AskView();
        var now = _time.GetUtcNow();
        var until = lease is { } duration ? now + duration : DateTimeOffset.MaxValue;
        // Never the name OptimizeAsync runs under: its heartbeat renews its worker's leases, and would put a limit on a trial
        // asked without one (which then runs out once the run ends, and the trial goes to another worker).
        var worker = $"{Options.WorkerName ?? $"{Environment.MachineName}/{Environment.ProcessId}"}/ask";
        await _storage.RecoverExpiredTrialsAsync(Name, now, Options.MaxTrialStarts, cancellationToken).ConfigureAwait(false);
        var trial = await _storage.StartTrialAsync(Name, new TrialLease(worker, now, until), int.MaxValue, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Study '{Name}' cannot start another trial: it holds {int.MaxValue} trials.");
        var (parameters, started) = await AssignParametersAsync(view, trial, cancellationToken).ConfigureAwait(false);
        var reports = new ReportWriter(_storage, Name, started, view, _logger);
        lock (_askGate)
        {
            _askedReports[started.Number] = reports;
        }

        var context = new TrialContext(Name, started.Number, started.Seed, _trialLogger, _pruner, started.Budget)
        {
            PromotedFrom = started.PromotedFrom, Checkpoints = _checkpoints, Recorded = reports.Add,
        };
        return new AskedTrial<TParameters>(started.Number, parameters, context) { Attempt = started.Starts };
    }

    /// <summary>
    /// Reports an intermediate value of trial <paramref name="trialNumber"/>, asked by this or another process, and says
    /// whether the study's early-stopping rule (<see cref="StudyOptions.Pruning"/>) would stop it now. The value is stored
    /// at once, so that every process and every later study object judges the study's trials with it; the rule first takes
    /// in everything stored so far, so the answer is the same whichever study object (or process) asks. Tell the trial
    /// <see cref="TrialState.Pruned"/> when the answer is <see langword="true"/>. For an asked trial in this process,
    /// <see cref="TrialContext.Report(long, double)"/> on its context does the same.
    /// </summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="step">The step the value belongs to; each step after the last one reported.</param>
    /// <param name="value">The value at that step.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether the rule says the trial should stop; always <see langword="false"/> without a rule.</returns>
    /// <exception cref="ArgumentException">The step is not after the last step stored for the trial.</exception>
    /// <exception cref="StudyStorageException">The trial is not running (told already, or never asked).</exception>
    public async Task<bool> ReportAsync(int trialNumber, long step, double value, CancellationToken cancellationToken = default)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var view = AskView();
        view.Apply(await _storage.GetChangesAsync(Name, view.Version, cancellationToken).ConfigureAwait(false));
        var (running, lastStep) = view.RunningTrial(trialNumber);
        if (running && lastStep is { } last && step <= last)
        {
            throw new ArgumentException(
                $"Trial {trialNumber}: step {step} was reported after step {last}; report each step once, in increasing order.", nameof(step));
        }

        var report = new IntermediateValue(step, value);
        if (!running)
        {
            // Not running as far as storage said a moment ago: storage refuses with the reason (ended, waiting, unknown).
            view.Apply(await _storage.AddReportsAsync(Name, trialNumber, null, [report], cancellationToken).ConfigureAwait(false));
            return false;
        }

        // Judged before it is stored, as a live report is: the rule has taken in every earlier report, this one is new to it.
        var prune = _pruner?.Report(trialNumber, step, value) ?? false;
        view.Apply(await _storage.AddReportsAsync(Name, trialNumber, null, [report], cancellationToken).ConfigureAwait(false));
        return prune;
    }

    /// <summary>Records the value of an asked trial, with the intermediate values reported to its context.</summary>
    /// <param name="trial">The asked trial.</param>
    /// <param name="value">The objective's value; NaN or infinity records the trial as failed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trial as recorded.</returns>
    /// <exception cref="StudyStorageException">The trial is no longer this ask's: told already, or its lease ended and it was taken back (to run again, or asked again); nothing was written.</exception>
    public Task<Trial<TParameters>> TellAsync(AskedTrial<TParameters> trial, double value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return TellAsync(trial.Number, ValueEnd(value, trial.Context.Reports, trial.Context.Attributes) with { Attempt = trial.Attempt }, cancellationToken);
    }

    /// <summary>
    /// Records that an asked trial ended without a value (failed, pruned or cancelled), with the intermediate values and
    /// attributes reported to its context, so that pruning rules and samplers learn from them as from a trial run by
    /// <c>OptimizeAsync</c>.
    /// </summary>
    /// <param name="trial">The asked trial.</param>
    /// <param name="state"><see cref="TrialState.Failed"/>, <see cref="TrialState.Pruned"/> or <see cref="TrialState.Cancelled"/>.</param>
    /// <param name="error">Why, for a failed or cancelled trial.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trial as recorded.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The state is not one of those three (tell a value to complete a trial).</exception>
    public Task<Trial<TParameters>> TellAsync(AskedTrial<TParameters> trial, TrialState state, string? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        RequireEndWithoutValue(state);
        var reports = trial.Context.Reports;
        var value = state == TrialState.Pruned && reports.Count > 0 ? reports[^1].Value : (double?)null;
        var end = new TrialEnd(state, value, error, _time.GetUtcNow(), reports, trial.Context.Attributes) { Attempt = trial.Attempt };
        return TellAsync(trial.Number, end, cancellationToken);
    }

    /// <summary>Records the value of trial <paramref name="trialNumber"/>, asked by this or another process.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="value">The objective's value; NaN or infinity records the trial as failed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trial as recorded.</returns>
    public Task<Trial<TParameters>> TellAsync(int trialNumber, double value, CancellationToken cancellationToken = default) =>
        TellAsync(trialNumber, ValueEnd(value, [], null), cancellationToken);

    /// <summary>
    /// Records that trial <paramref name="trialNumber"/> ended without a value: failed, pruned or cancelled. The reports stored
    /// while it ran (<see cref="ReportAsync"/>, or its context's) are kept, and a pruned trial takes its last report's value.
    /// </summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="state"><see cref="TrialState.Failed"/>, <see cref="TrialState.Pruned"/> or <see cref="TrialState.Cancelled"/>.</param>
    /// <param name="error">Why, for a failed or cancelled trial.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trial as recorded.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The state is not one of those three (tell a value to complete a trial).</exception>
    public Task<Trial<TParameters>> TellAsync(int trialNumber, TrialState state, string? error = null, CancellationToken cancellationToken = default)
    {
        RequireEndWithoutValue(state);
        return TellAsync(trialNumber, new TrialEnd(state, null, error, _time.GetUtcNow(), []), cancellationToken);
    }

    private static void RequireEndWithoutValue(TrialState state)
    {
        if (state is not (TrialState.Failed or TrialState.Pruned or TrialState.Cancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Tell Failed, Pruned or Cancelled here; tell a value to complete a trial.");
        }
    }

    private async Task<Trial<TParameters>> TellAsync(int trialNumber, TrialEnd end, CancellationToken cancellationToken)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        ReportWriter? reports;
        lock (_askGate)
        {
            _askedReports.Remove(trialNumber, out reports);
        }

        if (reports is not null)
        {
            await reports.CompleteAsync().ConfigureAwait(false);
        }

        var finished = await _storage.FinishTrialAsync(Name, trialNumber, end, cancellationToken).ConfigureAwait(false);
        AskView().Apply(finished);
        Log(finished);
        return new Trial<TParameters>(finished, Objective.FromJson(finished.ParametersJson));
    }

    private TrialEnd ValueEnd(double value, IReadOnlyList<IntermediateValue> reports, IReadOnlyDictionary<string, string>? attributes) =>
        double.IsFinite(value)
            ? new TrialEnd(TrialState.Complete, value, null, _time.GetUtcNow(), reports, attributes)
            : new TrialEnd(TrialState.Failed, null, $"The value told was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; tell a finite number, or tell TrialState.Failed.", _time.GetUtcNow(), reports, attributes);

    private StudyView AskView()
    {
        lock (_askGate)
        {
            return _askView ??= new StudyView(Objective.Direction, _pruner, _promotions);
        }
    }
}
