using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// What a running trial knows about itself, injected into an objective that takes a <see cref="TrialContext"/> parameter.
/// Thread-safe: an objective may report from any thread.
/// </summary>
public sealed class TrialContext
{
    private readonly Lock _gate = new();
    private readonly List<IntermediateValue> _reports = [];
    private readonly IReportJudge? _pruner;
    private bool _shouldPrune;
    private long? _retriedThrough;
    private readonly SortedDictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private readonly List<object> _resources = [];

    /// <summary>Creates a context for one trial.</summary>
    /// <param name="studyName">The study's name.</param>
    /// <param name="number">The trial's number in its study, from 0.</param>
    /// <param name="seed">A seed for the objective's own randomness (weight initialisation, shuffling), derived from the study's seed and the trial number.</param>
    /// <param name="logger">Where the objective logs.</param>
    public TrialContext(string studyName, int number, int seed, ILogger logger)
        : this(studyName, number, seed, logger, pruner: null)
    {
    }

    /// <summary>Creates a context for one trial whose reports go to an early-stopping rule.</summary>
    /// <param name="studyName">The study's name.</param>
    /// <param name="number">The trial's number in its study, from 0.</param>
    /// <param name="seed">A seed for the objective's own randomness.</param>
    /// <param name="logger">Where the objective logs.</param>
    /// <param name="pruner">The study's early-stopping rule, told every report; none when <see langword="null"/>.</param>
    /// <param name="budget">The budget a scheduler gave the trial (its <c>[Budget]</c> parameter); the full budget when <see langword="null"/>.</param>
    public TrialContext(string studyName, int number, int seed, ILogger logger, IReportJudge? pruner, long? budget = null)
    {
        if (budget < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "A trial's budget is at least 1.");
        }

        ArgumentNullException.ThrowIfNull(studyName);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        StudyName = studyName;
        Number = number;
        Seed = seed;
        Logger = logger;
        _pruner = pruner;
        Budget = budget;
    }

    /// <summary>The study's name.</summary>
    public string StudyName { get; }

    /// <summary>The trial's number in its study, from 0.</summary>
    public int Number { get; }

    /// <summary>A stable id of the trial: <c>study#number</c>.</summary>
    public string Id => $"{StudyName}#{Number}";

    /// <summary>A seed for the objective's own randomness, the same on every run of a study with the same seed.</summary>
    public int Seed { get; }

    /// <summary>
    /// The budget a scheduler gave this trial (epochs, iterations: the objective's <c>[Budget]</c> parameter), or
    /// <see langword="null"/> when it runs with its full budget. The generated code passes it to the objective.
    /// </summary>
    public long? Budget { get; }

    /// <summary>The budget to run with: <see cref="Budget"/> when a scheduler set one, otherwise <paramref name="full"/>.</summary>
    /// <param name="full">The objective's full budget.</param>
    /// <exception cref="OverflowException">The scheduler's budget does not fit an <see cref="int"/>.</exception>
    public int GetBudget(int full) => Budget is { } budget ? checked((int)budget) : full;

    /// <summary>The budget to run with: <see cref="Budget"/> when a scheduler set one, otherwise <paramref name="full"/>.</summary>
    /// <param name="full">The objective's full budget.</param>
    public long GetBudget(long full) => Budget ?? full;

    /// <summary>The trial this one promotes to a larger budget (the same parameters), under <see cref="StudyOptions.Promotion"/>; none otherwise.</summary>
    public int? PromotedFrom { get; init; }

    /// <summary>Where checkpoints go; none for a context made outside a study.</summary>
    internal ICheckpointStore? Checkpoints { get; init; }

    /// <summary>Told every report and attribute as it happens (a worker process forwards them to the study); none in process.</summary>
    internal ITrialContextSink? Sink { get; init; }

    /// <summary>
    /// Called before a failed attempt is run again (<see cref="RetryPolicy"/>): the retry starts its loop from its first step,
    /// so its reports up to the last step reported so far are skipped, neither stored nor judged, and reporting goes on after it.
    /// </summary>
    internal void BeginRetry()
    {
        lock (_gate)
        {
            _retriedThrough = _reports.Count > 0 ? _reports[^1].Step : null;
        }
    }

    /// <summary>Told every report as it is taken in: the study writes it to storage, where other processes see it.</summary>
    internal Action<IntermediateValue>? Recorded { get; init; }

    /// <summary>Whether reports go to an early-stopping rule, so that a worker must wait for the verdict of each.</summary>
    internal bool HasPruner => _pruner is not null;

    /// <summary>
    /// Saves the objective's state at the end of its budget (a model's weights, an optimiser's moments), so that the trial that
    /// promotes this one (<see cref="StudyOptions.Promotion"/>) can continue from it with <see cref="LoadCheckpointAsync"/>
    /// instead of starting over. Saving again replaces the previous checkpoint.
    /// </summary>
    /// <param name="state">The bytes to keep.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InvalidOperationException">The context was made outside a study.</exception>
    /// <exception cref="CheckpointException">The checkpoint folder cannot be written; the message says which and why.</exception>
    public ValueTask SaveCheckpointAsync(ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default) =>
        (Checkpoints ?? throw NoStore()).SaveAsync(StudyName, new TrialCheckpoint(Number, Budget, state), cancellationToken);

    /// <summary>
    /// The checkpoint the promoted trial saved (<see cref="PromotedFrom"/>), with the budget it had reached; <see langword="null"/>
    /// when this trial promotes none, or the promoted trial saved none (then train from scratch).
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<TrialCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken = default) =>
        PromotedFrom is { } from && Checkpoints is { } store ? await store.LoadAsync(StudyName, from, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// The resource of type <typeparamref name="T"/> the executor leased to this trial: the <see cref="GpuDevice"/> or the ILGPU
    /// accelerator from the <c>GpuExecutor</c> of the AttrHpo.Gpu package, say. The generated code passes it to an objective that
    /// takes a parameter of a leased type. It is the executor's, and ends with the trial: never keep it.
    /// </summary>
    /// <typeparam name="T">The resource's type.</typeparam>
    /// <exception cref="InvalidOperationException">The trial holds no such resource: the study's executor leases none of this type.</exception>
    public T GetResource<T>()
        where T : class =>
        TryGetResource<T>(out var resource) ? resource : throw new InvalidOperationException(
            $"Trial {Id} holds no {typeof(T).FullName}: the study's executor leases none. For a GpuDevice or an ILGPU Accelerator, run the study with " +
            "the GpuExecutor of the AttrHpo.Gpu package (StudyOptions.Executor = new GpuExecutor(...)), or with a ProcessExecutor whose workers begin with " +
            "'if (await WorkerHost.TryRunWithGpuAsync(args)) return 0;', and have the objective take the GpuDevice or Accelerator, or declare [Objective(Gpu = true)].");

    /// <summary>Whether the executor leased this trial a resource of type <typeparamref name="T"/>, and which.</summary>
    /// <typeparam name="T">The resource's type.</typeparam>
    /// <param name="resource">The resource, when there is one; a resource attached with a factory is made now if it was not yet.</param>
    public bool TryGetResource<T>([NotNullWhen(true)] out T? resource)
        where T : class
    {
        LazyResource? lazy = null;
        lock (_gate)
        {
            foreach (var attached in _resources)
            {
                if (attached is T found)
                {
                    resource = found;
                    return true;
                }

                if (attached is LazyResource candidate && typeof(T).IsAssignableFrom(candidate.Type))
                {
                    lazy = candidate;
                    break;
                }
            }
        }

        resource = lazy?.Value as T;
        return resource is not null;
    }

    /// <summary>
    /// Lends the trial a resource for as long as the returned scope lives: for executors, which attach what they lease (a device)
    /// before they invoke the objective and dispose the scope when it returns.
    /// </summary>
    /// <param name="resource">What the trial may use.</param>
    /// <returns>Removes the resource from the trial when disposed; the resource itself stays the executor's to dispose.</returns>
    public IDisposable AttachResource(object resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            _resources.Add(resource);
        }

        return new ResourceScope(this, resource);
    }

    /// <summary>
    /// Lends the trial a resource made only if the trial asks for it (<see cref="GetResource{T}"/>), at most once, on the
    /// asking thread: for an executor whose resource costs something to make (an accelerator of the leased device) that not
    /// every objective uses.
    /// </summary>
    /// <typeparam name="T">The resource's type, by which the trial asks for it.</typeparam>
    /// <param name="factory">Makes the resource; called at most once, by the first request.</param>
    /// <returns>Removes the resource from the trial when disposed; whatever the factory made stays the executor's to dispose.</returns>
    public IDisposable AttachResource<T>(Func<T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AttachResource(new LazyResource(typeof(T), factory));
    }

    private void DetachResource(object resource)
    {
        lock (_gate)
        {
            _resources.Remove(resource);
        }
    }

    /// <summary>A resource attached by its factory: made on the first request for its type (or a base of it).</summary>
    private sealed class LazyResource(Type type, Func<object> factory)
    {
        private readonly Lazy<object> _value = new(factory, LazyThreadSafetyMode.ExecutionAndPublication);

        public Type Type => type;

        public object Value => _value.Value;
    }

    private sealed class ResourceScope(TrialContext owner, object resource) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.DetachResource(resource);
            }
        }
    }

    /// <summary>
    /// The services of the process that runs the trial, when it has any: in a worker process, its
    /// <see cref="WorkerHostOptions.Services"/>, from which the generated code resolves the instance of an instance objective
    /// (before trying the type's <see cref="ObjectiveFactoryAttribute"/>). <see langword="null"/> otherwise.
    /// </summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Where the objective logs; messages carry the trial's number.</summary>
    public ILogger Logger { get; }

    /// <summary>The values reported so far, in the order reported.</summary>
    public IReadOnlyList<IntermediateValue> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    private InvalidOperationException NoStore() =>
        new($"Trial {Number}: this TrialContext has nowhere to keep checkpoints. Run the objective through a study; on an Orleans silo, set AttrHpoSiloOptions.CheckpointDirectory.");

    /// <summary>
    /// Whether the study's early-stopping rule (<see cref="StudyOptions.Pruning"/>) says this trial should stop, as of its last
    /// report. Once true it stays true. Always false without a rule. Call <see cref="Prune"/> to stop.
    /// </summary>
    public bool ShouldPrune
    {
        get
        {
            lock (_gate)
            {
                return _shouldPrune;
            }
        }
    }

    /// <summary>
    /// Stops the trial now, recorded as <see cref="TrialState.Pruned"/> (not failed) with its last reported value: throws a
    /// <see cref="TrialPrunedException"/> that the study catches. Let it propagate out of the objective.
    /// </summary>
    /// <exception cref="TrialPrunedException">Always.</exception>
    public void Prune()
    {
        IntermediateValue? last;
        lock (_gate)
        {
            last = _reports.Count > 0 ? _reports[^1] : null;
        }

        throw new TrialPrunedException(Number, last);
    }

    /// <summary>
    /// Reports an intermediate value, then stops the trial with <see cref="Prune"/> when the study's early-stopping rule says so:
    /// the one call an epoch loop needs.
    /// </summary>
    /// <param name="step">The step the value belongs to; steps must increase.</param>
    /// <param name="value">The value at that step.</param>
    /// <exception cref="TrialPrunedException">The rule stopped the trial.</exception>
    public void ReportOrPrune(long step, double value)
    {
        Report(step, value);
        if (ShouldPrune)
        {
            Prune();
        }
    }

    /// <summary>Reports an intermediate value (a validation loss after an epoch, say), which schedulers use to stop poor trials early.</summary>
    /// <param name="step">The step the value belongs to; steps must increase.</param>
    /// <param name="value">The value at that step.</param>
    /// <exception cref="ArgumentException">The step is not greater than the previous one.</exception>
    public void Report(long step, double value)
    {
        lock (_gate)
        {
            if (_retriedThrough is { } through && step <= through)
            {
                return; // a retry's steps up to where the failed attempt got: that attempt's values stand
            }

            if (_reports.Count > 0 && step <= _reports[^1].Step)
            {
                throw new ArgumentException(
                    $"Trial {Number}: step {step} was reported after step {_reports[^1].Step}; report each step once, in increasing order.",
                    nameof(step));
            }

            _reports.Add(new IntermediateValue(step, value));
            if (_pruner is not null && !_shouldPrune)
            {
                _shouldPrune = _pruner.Report(Number, step, value);
            }

            // Queued for storage only once judged: read back from storage first, the rule would take it as already heard.
            Recorded?.Invoke(_reports[^1]);

            if (Sink is { } sink && sink.Reported(step, value))
            {
                _shouldPrune = true;
            }
        }
    }

    /// <summary>The attributes set so far, by key (ordinal order).</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get
        {
            lock (_gate)
            {
                return TrialAttributes.Copy(_attributes);
            }
        }
    }

    /// <summary>
    /// Records a user attribute with the trial (an accuracy beside the loss, a model path, a device name): kept with the trial
    /// whatever its ending, shown in <see cref="TrialRecord.Attributes"/>. Setting a key again replaces its value.
    /// </summary>
    /// <param name="key">The attribute's name: not empty, at most <see cref="TrialAttributes.MaxKeyLength"/> characters.</param>
    /// <param name="value">Its value, at most <see cref="TrialAttributes.MaxValueLength"/> characters.</param>
    /// <exception cref="ArgumentException">The key or value is empty where it must not be, or too long.</exception>
    public void SetAttribute(string key, string value)
    {
        TrialAttributes.Validate(key, value, Number);
        lock (_gate)
        {
            _attributes[key] = value;
            Sink?.AttributeSet(key, value);
        }
    }

    /// <summary>Records a numeric user attribute, written in its shortest round-trip invariant form (see <see cref="SetAttribute(string, string)"/>).</summary>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    public void SetAttribute(string key, double value) =>
        SetAttribute(key, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
