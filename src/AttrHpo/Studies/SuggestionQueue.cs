namespace AttrHpo;

/// <summary>
/// Gives new trials their sampled parameters, one suggestion at a time for the whole study. Trials that wait together (several
/// workers free at once) are answered with one joint batch (<see cref="ISampler.SuggestBatch"/>). Each batch is chosen under
/// the storage's sampler lock, after reading every change of the study, and its parameters are written before the lock is
/// released: so every suggestion, in this study object, another one, or another process, sees every trial that got its
/// parameters before it and still runs as pending. No two workers sample without each other's points.
/// </summary>
/// <remarks>One per study object, shared by its <c>OptimizeAsync</c> workers and its ask/tell calls.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "The SemaphoreSlim's wait handle is never created (no AvailableWaitHandle), so there is nothing to dispose.")]
internal sealed class SuggestionQueue<TParameters>
    where TParameters : notnull
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<Request> _waiting = [];
    private readonly Settings _settings;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public SuggestionQueue(Settings settings) => _settings = settings;

    /// <summary>Gives the started trial <paramref name="trial"/> sampled parameters, writes them, and returns the trial as written.</summary>
    /// <param name="view">The caller's view of the study: refreshed from storage before sampling, and told of the written trial.</param>
    /// <param name="trial">A running trial without parameters.</param>
    /// <param name="cancellationToken">Stops waiting, and the write of this trial's parameters; the other trials of its batch are given theirs.</param>
    public async Task<(TParameters Parameters, TrialRecord Trial)> AssignAsync(StudyView view, TrialRecord trial, CancellationToken cancellationToken)
    {
        var request = new Request(view, trial, cancellationToken);
        lock (_gate)
        {
            _waiting.Add(request);
        }

        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _waiting.Remove(request);
                request.Done.TrySetCanceled(cancellationToken);
            }

            throw;
        }

        try
        {
            if (!request.Done.Task.IsCompleted)
            {
                await ServeAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }

        return await request.Done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Answers <paramref name="own"/> and every request waiting with it on the same view with one batch, or fails them with the
    /// reason. When the caller is cancelled before the batch is chosen, the others go back to waiting for their own turn.
    /// </summary>
    private async Task ServeAsync(Request own, CancellationToken cancellationToken)
    {
        var view = own.View;
        List<Request> batch;
        lock (_gate)
        {
            batch = [.. _waiting.Where(r => ReferenceEquals(r.View, view) && !r.Done.Task.IsCompleted)];
            _waiting.RemoveAll(r => ReferenceEquals(r.View, view));
        }

        var locked = false;
        var chosen = false;
        try
        {
            await LockAsync(cancellationToken).ConfigureAwait(false);
            locked = true;
            var storage = _settings.Storage;
            view.Apply(await storage.GetChangesAsync(_settings.Study, view.Version, cancellationToken).ConfigureAwait(false));
            var numbers = batch.Select(r => r.Trial.Number).ToArray();
            var (completed, pending) = view.ForSampler(numbers, _settings.MinObservationsPerBudget);
            if (_settings.WarmStart?.Observations is { Count: > 0 } warm)
            {
                completed = [.. warm, .. completed]; // a new version's sampler also learns from its earlier versions (never their trials)
            }

            var context = new SamplingContext(_settings.Objective.Space, numbers[0], _settings.Seed, completed, pending);
            var points = _settings.Sampler.SuggestBatch(context, numbers);
            chosen = true;
            if (points.Count != numbers.Length)
            {
                throw new InvalidOperationException(
                    $"{_settings.Sampler.GetType().Name}.SuggestBatch returned {points.Count} points for {numbers.Length} trials; return one point per trial.");
            }

            // Each trial's parameters are written unless its own caller has given up (it then records the trial cancelled).
            for (var i = 0; i < batch.Count; i++)
            {
                await WriteAsync(batch[i], points[i]).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException exception) when (!chosen && cancellationToken.IsCancellationRequested)
        {
            own.Done.TrySetException(exception);
            lock (_gate)
            {
                _waiting.AddRange(batch.Where(r => !ReferenceEquals(r, own) && !r.Done.Task.IsCompleted));
            }
        }
        catch (Exception exception)
        {
            foreach (var request in batch)
            {
                request.Done.TrySetException(exception);
            }
        }
        finally
        {
            if (locked)
            {
                await TryUnlockAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(Request request, double[] point)
    {
        if (request.Done.Task.IsCompleted)
        {
            return; // its caller stopped waiting and records the trial as cancelled
        }

        try
        {
            var objective = _settings.Objective;
            var parameters = objective.Decode(point);
            var number = request.Trial.Number;
            var assignment = new TrialAssignment(point, objective.ToJson(parameters), SeedMixer.TrialSeed(SeedMixer.Mix(_settings.Seed), number))
            {
                Budget = _settings.Promotions?.NewBudget(number),
            };
            var started = await _settings.Storage.SetParametersAsync(_settings.Study, number, assignment, request.CancellationToken).ConfigureAwait(false);
            request.View.Apply(started);
            request.Done.TrySetResult((parameters, started));
        }
        catch (Exception exception)
        {
            // This trial alone: stopped meanwhile (its worker recorded it cancelled), or the write failed.
            request.Done.TrySetException(exception);
        }
    }

    /// <summary>Takes the storage's sampler lock, waiting (with growing pauses) while another study object or process holds it.</summary>
    private async Task LockAsync(CancellationToken cancellationToken)
    {
        var pause = FirstPoll;
        while (true)
        {
            var now = _settings.Time.GetUtcNow();
            if (await _settings.Storage.TryLockSamplerAsync(_settings.Study, _owner, now, now + _settings.LockDuration, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // A holder that was a process of this machine and has exited (killed mid-suggestion) never releases the lock: free it
            // now rather than wait out its time. Its owner name starts with the machine and the process id, as a worker's does.
            if (await _settings.Storage.GetSamplerLockHolderAsync(_settings.Study, now, cancellationToken).ConfigureAwait(false) is { } holder
                && DeadWorkers.IsDeadHere(holder))
            {
                await _settings.Storage.UnlockSamplerAsync(_settings.Study, holder, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPoll ? pause * 2 : LongestPoll;
        }
    }

    /// <summary>Releases the lock; if that fails, it frees itself when its time runs out.</summary>
    private async Task TryUnlockAsync()
    {
        try
        {
            await _settings.Storage.UnlockSamplerAsync(_settings.Study, _owner, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StudyStorageException)
        {
            // The lock expires on its own after LockDuration.
        }
    }

    /// <summary>What the queue needs of its study.</summary>
    /// <param name="Objective">The objective: its space, decoding and JSON.</param>
    /// <param name="Storage">The study's storage.</param>
    /// <param name="Study">The study's name.</param>
    /// <param name="Sampler">The study's sampler.</param>
    /// <param name="Seed">The study's seed.</param>
    /// <param name="Promotions">The promotion schedule, which gives new trials their first budget; none when <see langword="null"/>.</param>
    /// <param name="MinObservationsPerBudget">How many results a budget (or step) needs before the sampler models it alone.</param>
    /// <param name="Time">The clock the lock's expiry is read from.</param>
    /// <param name="LockDuration">How long the sampler lock holds if its holder dies.</param>
    internal sealed record Settings(
        ObjectiveDefinition<TParameters> Objective,
        IStudyStorage Storage,
        string Study,
        ISampler Sampler,
        ulong Seed,
        PromotionSchedule? Promotions,
        int MinObservationsPerBudget,
        TimeProvider Time,
        TimeSpan LockDuration)
    {
        /// <summary>The complete trials of earlier versions of the study that the sampler also sees, first; none when <see langword="null"/>.</summary>
        public WarmStartHistory? WarmStart { get; init; }
    }

    private sealed record Request(StudyView View, TrialRecord Trial, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<(TParameters Parameters, TrialRecord Trial)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
