using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo;

/// <summary>
/// A study of one objective: asks the sampler for points, runs trials concurrently, and records every
/// result in storage before the sampler sees it. Create one with the generated <c>MethodStudy.Create(...)</c>.
/// </summary>
/// <typeparam name="TParameters">The generated parameters record.</typeparam>
public sealed class Study<TParameters>
    where TParameters : notnull
{
    private readonly ISampler _sampler;
    private readonly IStudyStorage _storage;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private int _optimizing;

    internal Study(ObjectiveDefinition<TParameters> objective, StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        Objective = objective;
        Options = options;
        Name = options.Name ?? objective.Id;
        _sampler = options.Sampler ?? new RandomSampler();
        _storage = options.Storage ?? new InMemoryStudyStorage();
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("AttrHpo.Study");
    }

    /// <summary>The objective under study.</summary>
    public ObjectiveDefinition<TParameters> Objective { get; }

    /// <summary>The options the study was created with.</summary>
    public StudyOptions Options { get; }

    /// <summary>The study's name.</summary>
    public string Name { get; }

    /// <summary>
    /// Runs <paramref name="trials"/> new trials, at most <paramref name="parallelism"/> at a time, and returns every trial of the study.
    /// A trial that throws, returns NaN or infinity, or is cancelled is recorded with its state and error, and the study goes on.
    /// </summary>
    /// <param name="trials">How many trials to run in this call (at least 1).</param>
    /// <param name="parallelism">How many trials may run at once (at least 1).</param>
    /// <param name="progress">Told about each trial as it finishes, after it is recorded.</param>
    /// <param name="cancellationToken">Stops the study: running trials are cancelled and recorded as such, then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <exception cref="StudyFailedException">No trial of the study is complete; the message names the first error.</exception>
    /// <exception cref="InvalidOperationException">Another <see cref="OptimizeAsync"/> call on this study is still running.</exception>
    /// <remarks>
    /// A fault outside the objective (the sampler, the storage, or <paramref name="progress"/> throwing) stops the study:
    /// running trials are cancelled and recorded, and the fault is rethrown.
    /// </remarks>
    public async Task<StudyResult<TParameters>> OptimizeAsync(
        int trials,
        int parallelism = 1,
        IProgress<Trial<TParameters>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "Run at least one trial.");
        }

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
            return await OptimizeOnceAsync(trials, parallelism, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _optimizing, 0);
        }
    }

    /// <summary>Every trial of the study so far, typed, ordered by number.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<Trial<TParameters>>> GetTrialsAsync(CancellationToken cancellationToken = default)
    {
        var records = await _storage.GetTrialsAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.OrderBy(r => r.Number).Select(r => new Trial<TParameters>(r, Objective.FromJson(r.ParametersJson)))];
    }

    private async Task<StudyResult<TParameters>> OptimizeOnceAsync(int trials, int parallelism, IProgress<Trial<TParameters>>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var history = await _storage.GetTrialsAsync(cancellationToken).ConfigureAwait(false);
        var run = new StudyRun(Objective.Direction, history, trials);
        StudyLog.Starting(_logger, Name, trials, parallelism, Objective.Space);

        // Stopped by the caller, or by the first worker that faults outside the objective.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new Task[Math.Min(parallelism, trials)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = RunWorkerAsync(run, progress, stop);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (workers.Any(w => w.IsFaulted))
        {
            throw workers.First(w => w.IsFaulted).Exception!.InnerException!;
        }

        cancellationToken.ThrowIfCancellationRequested();

        var all = await GetTrialsAsync(cancellationToken).ConfigureAwait(false);
        if (!all.Any(t => t.State == TrialState.Complete))
        {
            var first = all.FirstOrDefault(t => t.Error is not null);
            throw new StudyFailedException(
                $"Study '{Name}': none of its {all.Count} trials completed. The first error (trial {first?.Number}): {first?.Error ?? "none recorded"}",
                first is null ? null : run.FirstExceptionIfNumber(first.Number));
        }

        return new StudyResult<TParameters>(Objective.Direction, all, clock.Elapsed);
    }

    private async Task RunWorkerAsync(StudyRun run, IProgress<Trial<TParameters>>? progress, CancellationTokenSource stop)
    {
        // Yield first so that starting the workers never runs a trial on the caller's thread.
        await Task.Yield();
        try
        {
            await RunTrialsAsync(run, progress, stop.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RunTrialsAsync(StudyRun run, IProgress<Trial<TParameters>>? progress, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && run.TryReserve(out var number, out var completed, out var pending))
        {
            var point = _sampler.Suggest(new SamplingContext(Objective.Space, number, Options.Seed, completed, pending));
            var parameters = Objective.Decode(point);
            var running = new TrialRecord
            {
                Number = number,
                State = TrialState.Running,
                Seed = SeedMixer.TrialSeed(SeedMixer.Mix(Options.Seed), number),
                Point = point,
                ParametersJson = Objective.ToJson(parameters),
                Started = DateTimeOffset.UtcNow,
            };
            await _storage.AddTrialAsync(running, CancellationToken.None).ConfigureAwait(false);
            run.MarkRunning(number, point);

            var logger = _loggerFactory.CreateLogger($"AttrHpo.Trial.{Objective.Name}");
            var context = new TrialContext(Name, number, running.Seed, logger);
            var outcome = await TrialRunner.RunAsync(ct => Objective.InvokeAsync(parameters, context, ct), cancellationToken).ConfigureAwait(false);
            var finished = running with
            {
                State = outcome.State,
                Value = outcome.Value,
                Error = outcome.Error,
                Reports = context.Reports,
                Finished = DateTimeOffset.UtcNow,
            };

            // Recorded even when the study is being cancelled: a finished result is never lost.
            await _storage.UpdateTrialAsync(finished, CancellationToken.None).ConfigureAwait(false);
            run.MarkFinished(number, finished, outcome.Exception);
            Log(finished);
            progress?.Report(new Trial<TParameters>(finished, parameters));
        }
    }

    private void Log(TrialRecord trial)
    {
        if (trial.State == TrialState.Complete)
        {
            StudyLog.TrialComplete(_logger, trial.Number, trial.Value, trial.ParametersJson);
        }
        else
        {
            StudyLog.TrialNotComplete(_logger, trial.Number, trial.State, trial.Error, trial.ParametersJson);
        }
    }
}
