using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo;

/// <summary>
/// A study of one objective: asks the sampler for points, runs trials concurrently, and records every result in storage
/// before the sampler sees it. Several processes may run the same study on one storage at once; a study run again on the
/// same storage continues where it stopped. Create one with the generated <c>MethodStudy.Create(...)</c>.
/// </summary>
/// <typeparam name="TParameters">The generated parameters record.</typeparam>
public sealed partial class Study<TParameters>
    where TParameters : notnull
{
    private readonly ISampler _sampler;
    private readonly IStudyStorage _storage;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ILogger _trialLogger;
    private readonly TimeProvider _time;
    private readonly IPruner? _pruner;
    private readonly PromotionSchedule? _promotions;
    private readonly ICheckpointStore _checkpoints;
    private readonly SuggestionQueue<TParameters> _suggestions;

    /// <summary>How many results a budget needs before samplers model it alone (BOHB: dimensions + 2, here at least 5).</summary>
    private int MinObservationsPerBudget => Math.Max(5, Objective.Space.Count + 2);
    private int _optimizing;

    internal Study(ObjectiveDefinition<TParameters> objective, StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTrialStarts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LeaseDuration, TimeSpan.FromMilliseconds(30), nameof(options));
        Objective = objective;
        Options = options;
        Name = options.Name ?? objective.Id;
        _sampler = options.Sampler ?? new RandomSampler();
        _storage = _binding = Bind(options);
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("AttrHpo.Study");
        _trialLogger = _loggerFactory.CreateLogger($"AttrHpo.Trial.{objective.Name}");
        _time = options.TimeProvider ?? TimeProvider.System;
        _pruner = options.Pruning?.Create(objective.Direction);
        _checkpoints = options.CheckpointDirectory is { } directory ? new DirectoryCheckpointStore(directory) : new MemoryCheckpointStore();
        if (options.Promotion is { } promotion)
        {
            _promotions = promotion.Create(
                objective.Budget ?? throw new ArgumentException(
                    $"StudyOptions.Promotion needs an objective with a [Budget] parameter (epochs, iterations), and {objective.Id} has none. " +
                    "Add one, or use StudyOptions.Pruning, which stops trials from the values they report.",
                    nameof(options)),
                objective.Direction);
        }

        _suggestions = new SuggestionQueue<TParameters>(new(
            objective, _storage, Name, _sampler, options.Seed, _promotions, MinObservationsPerBudget, _time, options.LeaseDuration) { WarmStart = _warmStart });
    }

    /// <summary>The objective under study.</summary>
    public ObjectiveDefinition<TParameters> Objective { get; }

    /// <summary>The options the study was created with.</summary>
    public StudyOptions Options { get; }

    /// <summary>The study's name, unique in its storage.</summary>
    public string Name { get; }

    private StudyIdentity Identity => new(Name, Objective.Id, Objective.Direction) { Space = SpaceDefinition.Of(Objective.Space) };

    /// <summary>
    /// Runs <paramref name="trials"/> more trials, at most <paramref name="parallelism"/> at a time, and returns every trial of
    /// the study (earlier runs' included). The count is this call's, whatever the study held before: running the same call
    /// again on the same storage adds as many again. To stop at a total for the study instead, pass
    /// <see cref="StopCondition.TotalTrials"/>. A trial that throws, returns NaN or infinity, times out, or is cancelled is
    /// recorded with its state and error, and the study goes on.
    /// </summary>
    /// <param name="trials">
    /// How many trials this call finishes (at least 1), as <see cref="StopCondition.MoreTrials"/> counts them: complete, failed
    /// or pruned trials recorded by this call (a retried trial once, waiting trials it runs included). A trial cancelled by its
    /// objective, or whose lease ran out before its result was recorded, does not count and is replaced; trials that other
    /// processes run on the same storage meanwhile never count.
    /// </param>
    /// <param name="parallelism">How many trials this call may run at once (at least 1); by default the executor's slots (<see cref="StudyOptions.Executor"/>), or 1 without one.</param>
    /// <param name="progress">Told about each trial as it finishes, after it is recorded, on the thread that ran it.</param>
    /// <param name="cancellationToken">Stops the study: running trials are cancelled and recorded as such, then <see cref="OperationCanceledException"/> is thrown. Running the study again continues it.</param>
    /// <exception cref="StudyFailedException">No trial of the study is complete, or the first <see cref="StudyOptions.FailFastAfter"/> trials of this run all failed; the message names the first error.</exception>
    /// <exception cref="InvalidOperationException">Another <see cref="OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/> call on this study object is still running.</exception>
    /// <remarks>
    /// A fault outside the objective (the sampler, the storage, or <paramref name="progress"/> throwing) stops the study:
    /// running trials are cancelled and recorded, and the fault is rethrown.
    /// </remarks>
    public Task<StudyResult<TParameters>> OptimizeAsync(
        int trials,
        int? parallelism = null,
        IProgress<Trial<TParameters>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "Run at least one trial.");
        }

        return OptimizeAsync(StopCondition.MoreTrials(trials), parallelism, progress, cancellationToken);
    }

    /// <summary>
    /// Runs trials until <paramref name="stop"/> holds (for example <c>StopCondition.MoreTrials(200) | StopCondition.WallTime(TimeSpan.FromHours(1))</c>),
    /// at most <paramref name="parallelism"/> at a time, and returns every trial of the study. Otherwise as <see cref="OptimizeAsync(int, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="stop">When to stop starting trials; running trials always finish.</param>
    /// <param name="parallelism">How many trials this call may run at once (at least 1); by default the executor's slots, or 1 without an executor.</param>
    /// <param name="progress">Told about each trial as it finishes, after it is recorded, on the thread that ran it.</param>
    /// <param name="cancellationToken">Stops the study: running trials are cancelled and recorded as such, then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <exception cref="StudyFailedException">No trial of the study is complete, or the first <see cref="StudyOptions.FailFastAfter"/> trials of this run all failed.</exception>
    /// <exception cref="InvalidOperationException">Another optimisation of this study object is still running.</exception>
    public Task<StudyResult<TParameters>> OptimizeAsync(
        StopCondition stop,
        int? parallelism = null,
        IProgress<Trial<TParameters>>? progress = null,
        CancellationToken cancellationToken = default) =>
        OptimizeAsync(stop, ResolveParallelism(parallelism), progress, observer: null, cancellationToken);

    /// <summary>The parallelism asked for, or by default the executor's slots (1 without an executor).</summary>
    internal int ResolveParallelism(int? parallelism) => parallelism ?? Options.Executor?.Slots ?? 1;

    /// <summary>
    /// As the public overload, with an observer for this call only, told after <see cref="StudyOptions.Observer"/>
    /// (the console display attaches itself to a study it did not create this way).
    /// </summary>
    internal async Task<StudyResult<TParameters>> OptimizeAsync(
        StopCondition stop,
        int parallelism,
        IProgress<Trial<TParameters>>? progress,
        IStudyObserver? observer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Parallelism is the number of trials that may run at once: at least 1.");
        }

        if (Interlocked.Exchange(ref _optimizing, 1) == 1)
        {
            throw new InvalidOperationException(
                $"Study '{Name}' is already optimising. Await the running OptimizeAsync call before starting another, or raise its parallelism.");
        }

        try
        {
            return await OptimizeOnceAsync(stop, parallelism, progress, StudyObservers.Combine(Options.Observer, observer), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _optimizing, 0);
        }
    }

    /// <summary>Every trial of the study that has parameters, typed, ordered by number.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <remarks>A trial that was started but never given parameters (its worker died at once) is left out.</remarks>
    public async Task<IReadOnlyList<Trial<TParameters>>> GetTrialsAsync(CancellationToken cancellationToken = default)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var changes = await _storage.GetChangesAsync(Name, 0, cancellationToken).ConfigureAwait(false);
        return [.. changes.Trials.Where(r => r.HasParameters).OrderBy(r => r.Number).Select(r => new Trial<TParameters>(r, Objective.FromJson(r.ParametersJson)))];
    }

    /// <summary>Adds a trial with known parameters, run before any new point is sampled (a warm start from a known good configuration).</summary>
    /// <param name="parameters">The parameters to evaluate.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The waiting trial's number.</returns>
    public async Task<int> EnqueueAsync(TParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var point = new double[Objective.Space.Count];
        Objective.Encode(parameters, point);
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var trial = await _storage.EnqueueTrialAsync(Name, point, Objective.ToJson(parameters), cancellationToken).ConfigureAwait(false);
        return trial.Number;
    }

    private async Task<StudyResult<TParameters>> OptimizeOnceAsync(
        StopCondition stop, int parallelism, IProgress<Trial<TParameters>>? progress, IStudyObserver? observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        await _storage.RecoverExpiredTrialsAsync(Name, _time.GetUtcNow(), Options.MaxTrialStarts, cancellationToken).ConfigureAwait(false);
        var view = new StudyView(Objective.Direction, _pruner, _promotions);
        view.Apply(await _storage.GetChangesAsync(Name, 0, cancellationToken).ConfigureAwait(false));
        var worker = Options.WorkerName ?? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
        await ReclaimDeadWorkersAsync(view, worker, cancellationToken).ConfigureAwait(false);
        StudyLog.Starting(_logger, Name, stop, parallelism, Objective.Space);

        // Stopped by the caller, by the fail-fast rule, or by the first worker that faults outside the objective.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = RunHeartbeatAsync(worker, heartbeatStop.Token);
        var workers = new Task[Math.Min(Math.Min(parallelism, Math.Min(stop.TotalBudget, stop.CallBudget)), Options.Executor?.Slots ?? int.MaxValue)];
        var run = new WorkerRun(view, worker, stop, clock, progress, observer, stopping) { CallTrials = new CallTrials(stop.CallBudget) };
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = RunWorkerAsync(run);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (workers.Any(w => w.IsFaulted))
        {
            throw workers.First(w => w.IsFaulted).Exception!.InnerException!;
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var all = await GetTrialsAsync(cancellationToken).ConfigureAwait(false);
        var first = all.Where(t => t.Error is not null).MinBy(t => t.Number);
        if (view.AllFailed(Options.FailFastAfter))
        {
            throw new StudyFailedException(
                $"Study '{Name}': the first {Options.FailFastAfter} trials of this run all failed, so it stopped early (StudyOptions.FailFastAfter). " +
                $"The first error (trial {first?.Number}): {first?.Error ?? "none recorded"}",
                first is null ? null : view.FirstExceptionIfNumber(first.Number));
        }

        if (!all.Any(t => t.State == TrialState.Complete))
        {
            throw new StudyFailedException(
                $"Study '{Name}': none of its {all.Count} trials completed. The first error (trial {first?.Number}): {first?.Error ?? "none recorded"}",
                first is null ? null : view.FirstExceptionIfNumber(first.Number));
        }

        var result = new StudyResult<TParameters>(Objective.Direction, all, clock.Elapsed);
        StudyLog.Finished(_logger, Name, clock.Elapsed, all.Count, result.Best.Value, result.Best.Number, result.Best.Record.ParametersJson);
        return result;
    }

    private async Task RunWorkerAsync(WorkerRun run)
    {
        // Yield first so that starting the workers never runs a trial on the caller's thread.
        await Task.Yield();
        try
        {
            while (!run.Stop.IsCancellationRequested && !run.Condition.Holds(run.View.StopState(run.Clock.Elapsed))
                && await RunNextTrialAsync(run).ConfigureAwait(false))
            {
                if (run.View.AllFailed(Options.FailFastAfter))
                {
                    await run.Stop.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (!run.Stop.IsCancellationRequested)
        {
            await run.Stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts, runs and records one trial; <see langword="false"/> when this call's count or the study's total is reached.</summary>
    private async Task<bool> RunNextTrialAsync(WorkerRun run)
    {
        if (!run.CallTrials.TryTake())
        {
            return false;
        }

        var token = run.Stop.Token;
        var now = _time.GetUtcNow();
        var trial = await _storage.StartTrialAsync(Name, new TrialLease(run.Worker, now, now + Options.LeaseDuration), run.Condition.TotalBudget, token).ConfigureAwait(false);
        if (trial is null)
        {
            run.CallTrials.GiveBack();
            return await AwaitOthersAsync(run).ConfigureAwait(false);
        }

        run.TellWaiting([]); // there is work here again

        TParameters parameters;
        TrialRecord started;
        try
        {
            (parameters, started) = await AssignParametersAsync(run.View, trial, token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Stopped, or the sampler failed, between starting the trial and giving it parameters: the objective never ran.
            // Record the trial as cancelled (it does not count toward the budget) rather than leave it running.
            var why = exception is OperationCanceledException && token.IsCancellationRequested
                ? "Cancelled: the study was stopped."
                : $"Cancelled: choosing its parameters failed ({exception.GetType().Name}: {exception.Message}), which stopped the study.";
            await TryCancelUnstartedAsync(trial, why).ConfigureAwait(false);
            throw;
        }

        var reports = new ReportWriter(_storage, Name, started, run.View, _logger);
        var context = new TrialContext(Name, started.Number, started.Seed, _trialLogger, _pruner, started.Budget)
        {
            PromotedFrom = started.PromotedFrom, Checkpoints = _checkpoints, Recorded = reports.Add,
        };
        var observerFault = await TellStartedAsync(run, started).ConfigureAwait(false);
        var outcome = observerFault is null
            ? await TrialRunner.RunAsync(Invocation(parameters, started, context), Options.TrialTimeout, Options.Retry, context.BeginRetry, token).ConfigureAwait(false)
            : TrialOutcome.Cancelled("Cancelled: the study was stopped.");
        await reports.CompleteAsync().ConfigureAwait(false);
        var end = new TrialEnd(outcome.State, outcome.Value, outcome.Error, _time.GetUtcNow(), context.Reports, context.Attributes) { Attempt = started.Starts };

        // Recorded even when the study is being cancelled: a finished result is never lost.
        TrialRecord finished;
        try
        {
            finished = await _storage.FinishTrialAsync(Name, started.Number, end, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StudyStorageException exception)
        {
            run.CallTrials.GiveBack(); // not this call's trial any more: another worker runs it again
            StudyLog.ResultDiscarded(_logger, started.Number, exception.Message);
            observerFault?.Throw();
            return true;
        }

        if (finished.State == TrialState.Cancelled)
        {
            run.CallTrials.GiveBack(); // run again in its place, unless the study is stopping
        }

        run.View.Finished(finished, outcome.Exception);
        Log(finished);
        observerFault?.Throw();
        run.Observer?.TrialFinished(finished);
        run.Progress?.Report(new Trial<TParameters>(finished, parameters));
        return true;
    }

    /// <summary>Runs the objective: typed and in this process, or through the study's executor from the trial's JSON.</summary>
    private Func<CancellationToken, ValueTask<double>> Invocation(TParameters parameters, TrialRecord started, TrialContext context) =>
        Options.Executor is { } executor
            ? ct => executor.InvokeAsync(new TrialInvocation(Objective, started.ParametersJson, context), ct)
            : ct => Objective.InvokeAsync(parameters, context, ct);

    /// <summary>Gives a started trial its parameters: sampled for a new trial, read back for an enqueued or re-run one.</summary>
    private async Task<(TParameters Parameters, TrialRecord Trial)> AssignParametersAsync(StudyView view, TrialRecord trial, CancellationToken token)
    {
        var seed = SeedMixer.TrialSeed(SeedMixer.Mix(Options.Seed), trial.Number);
        if (trial.HasParameters)
        {
            // Enqueued, or run again after its worker died: its parameters (and budget and promotion) are kept.
            var known = Objective.FromJson(trial.ParametersJson);
            var budget = trial.Budget ?? _promotions?.NewBudget(trial.Number);
            var seeded = trial.Seed == seed && trial.Budget == budget
                ? trial
                : await _storage.SetParametersAsync(
                    Name,
                    trial.Number,
                    new TrialAssignment(trial.Point, trial.ParametersJson, seed) { Budget = budget, PromotedFrom = trial.PromotedFrom },
                    token).ConfigureAwait(false);
            view.Apply(seeded);
            return (known, seeded);
        }

        // A promotion schedule decides from what has finished; the sampler's read happens under the sampler lock instead.
        if (_promotions is not null)
        {
            view.Apply(await _storage.GetChangesAsync(Name, view.Version, token).ConfigureAwait(false));
        }

        while (_promotions?.Next(trial.Number) is { PromotedFrom: { } from, Source: { } source } promotion)
        {
            try
            {
                var promoted = await _storage.SetParametersAsync(
                    Name,
                    trial.Number,
                    new TrialAssignment(source.Point, source.ParametersJson, seed) { Budget = promotion.Budget, PromotedFrom = from },
                    token).ConfigureAwait(false);
                view.Apply(promoted);
                return (Objective.FromJson(promoted.ParametersJson), promoted);
            }
            catch (PromotionTakenException)
            {
                // Another process promoted it first; the schedule has marked it taken. Catch up and look again.
                view.Apply(await _storage.GetChangesAsync(Name, view.Version, token).ConfigureAwait(false));
            }
        }

        return await _suggestions.AssignAsync(view, trial, token).ConfigureAwait(false);
    }
}
