namespace AttrHpo;

/// <summary>Ask/tell: for callers who drive their own loop (or their own cluster) instead of <c>OptimizeAsync</c>.</summary>
public sealed partial class Study<TParameters>
{
    private readonly Lock _askGate = new();
    private StudyView? _askView;

    /// <summary>
    /// Starts a trial for the caller to run: an enqueued or re-queued trial first, otherwise a new one with parameters from the
    /// sampler, which sees every trial recorded so far. Report its result with <see cref="TellAsync(AskedTrial{TParameters}, double, CancellationToken)"/>.
    /// </summary>
    /// <param name="lease">
    /// How long the trial stays yours without a result before a running study may give it to another worker. When not set, the
    /// trial is yours until told: ask/tell has no heartbeat, so if the asking process dies, the trial stays running (it counts
    /// toward the budget and is pending for the sampler) until a study run on the same machine sees that the process is gone
    /// and runs it again, or until it is told, by number, from anywhere. Give a lease when the caller may die on another machine.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<AskedTrial<TParameters>> AskAsync(TimeSpan? lease = null, CancellationToken cancellationToken = default)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var view = AskView();
        var now = _time.GetUtcNow();
        var until = lease is { } duration ? now + duration : DateTimeOffset.MaxValue;
        var worker = Options.WorkerName ?? $"{Environment.MachineName}/{Environment.ProcessId}/ask";
        var trial = await _storage.StartTrialAsync(Name, new TrialLease(worker, now, until), int.MaxValue, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Study '{Name}' cannot start another trial: it holds {int.MaxValue} trials.");
        var (parameters, started) = await AssignParametersAsync(view, trial, cancellationToken).ConfigureAwait(false);
        return new AskedTrial<TParameters>(started.Number, parameters, new TrialContext(Name, started.Number, started.Seed, _trialLogger, _pruner, started.Budget) { PromotedFrom = started.PromotedFrom, Checkpoints = _checkpoints });
    }

    /// <summary>Records the value of an asked trial, with the intermediate values reported to its context.</summary>
    /// <param name="trial">The asked trial.</param>
    /// <param name="value">The objective's value; NaN or infinity records the trial as failed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trial as recorded.</returns>
    /// <exception cref="StudyStorageException">The trial is no longer running (told already, or its lease ran out and it went to another worker).</exception>
    public Task<Trial<TParameters>> TellAsync(AskedTrial<TParameters> trial, double value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return TellAsync(trial.Number, ValueEnd(value, trial.Context.Reports, trial.Context.Attributes), cancellationToken);
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
        return TellAsync(trial.Number, new TrialEnd(state, value, error, _time.GetUtcNow(), reports, trial.Context.Attributes), cancellationToken);
    }

    /// <summary>Records the value of trial <paramref name="trialNumber"/>, asked by this or another process.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="value">The objective's value; NaN or infinity records the trial as failed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The trial as recorded.</returns>
    public Task<Trial<TParameters>> TellAsync(int trialNumber, double value, CancellationToken cancellationToken = default) =>
        TellAsync(trialNumber, ValueEnd(value, [], null), cancellationToken);

    /// <summary>
    /// Records that trial <paramref name="trialNumber"/> ended without a value: failed, pruned or cancelled. No intermediate
    /// values are stored (there is no context here): tell the asked trial instead when it reported any.
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
