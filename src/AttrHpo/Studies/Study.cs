using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo;
/// <summary>Creates studies. Generated code calls <see cref="Create{TParameters}"/> from <c>MethodStudy.Create(...)</c>.</summary>
public static class Study
{
    /// <summary>Creates a study of an objective.</summary>
    /// <typeparam name="TParameters">The objective's parameters record.</typeparam>
    /// <param name="objective">The objective (usually the generated <c>MethodStudy.Objective</c>).</param>
    /// <param name="options">How the study runs; defaults when <see langword="null"/>.</param>
    public static Study<TParameters> Create<TParameters>(ObjectiveDefinition<TParameters> objective, StudyOptions? options = null)
        where TParameters : notnull =>
        new(objective, options ?? new StudyOptions());
}

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
}
