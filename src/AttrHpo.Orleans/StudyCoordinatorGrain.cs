using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// The coordinator of one study, keyed by the study's name. Its grain state holds only the study's description; the trials,
/// their leases and the sampler lock are in the <see cref="IStudyStorage"/> every silo shares, so an activation on another
/// silo (after this one's silo died) carries on from storage. Requests for trials interleave with each other and with other
/// calls: those that arrive while a suggestion is being chosen wait together and are answered with one joint batch of the
/// sampler (<see cref="ISampler.SuggestBatch"/>, the study's suggestion queue, as for workers in one process). Each batch is
/// chosen after the previous one's parameters were written, so every trial in flight anywhere in the cluster is pending for it.
/// </summary>
internal sealed class StudyCoordinatorGrain(
    [PersistentState("study", AttrHpoSiloOptions.GrainStorageName)] IPersistentState<CoordinatorState> state,
    IStudyStorage storage,
    AttrHpoSiloOptions options,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    ILocalSiloDetails silo,
    ClusterSamplers samplers) : Grain, IStudyCoordinatorGrain
{
    private static readonly TimeSpan FinishCheckInterval = TimeSpan.FromSeconds(1);
    private IClusterStudy? _study;
    private DateTimeOffset _lastFinishCheck;
    private bool _checkingFinish;
    private ISampler? _sampler;
    private StudyTally _tally = new();

    private StudySpec Spec => state.State.Spec
        ?? throw new InvalidOperationException($"The study '{this.GetPrimaryKeyString()}' has not been started on this cluster: call RunStudyAsync first.");

    public async Task<ClusterStudyStatus> StartAsync(StudySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!options.Objectives!.TryGet(spec.ObjectiveId, out var objective))
        {
            throw new ArgumentException(
                $"No objective with the id '{spec.ObjectiveId}' is registered on this silo (AttrHpoSiloOptions.Objectives); only registered objectives can be run.",
                nameof(spec));
        }

        if (spec.Promotion is not null && objective.Budget is null)
        {
            throw new ArgumentException(
                $"ClusterStudyOptions.Promotion needs an objective with a [Budget] parameter (epochs, iterations), and '{spec.ObjectiveId}' has none: " +
                "add one, or use ClusterStudyOptions.Pruning to stop trials early instead.",
                nameof(spec));
        }

        if (state.State.Spec is { } known && known.ObjectiveId != spec.ObjectiveId)
        {
            throw new InvalidOperationException(
                $"The study '{spec.Name}' runs the objective '{known.ObjectiveId}', not '{spec.ObjectiveId}': give this study another name.");
        }

        var sameStudy = state.State.Spec is { } previous && previous.SameStudyAs(spec);
        state.State.Spec = spec;
        state.State.Finished = false;
        await state.WriteStateAsync();
        if (!sameStudy)
        {
            DropStudy(); // rebuilt with the new description (requests in flight finish with the old one)
        }
        await GrainFactory.GetGrain<IStudyDirectoryGrain>(0).AddAsync(spec.Name, spec.ObjectiveId);
        return await GetStatusAsync();
    }

    public async Task<TrialWork?> RequestTrialAsync(string worker)
    {
        if (state.State is not { Spec: { } spec, Finished: false })
        {
            return null;
        }

        var started = await Study().StartTrialAsync(worker, spec.LeaseDuration, spec.Trials, CancellationToken.None);
        if (started is null)
        {
            // Nothing to hand out: once the last running trial has ended, the study leaves the directory and workers stop
            // asking, whether or not a caller still waits on it. Checked at most once a second (a read of storage's changes).
            // Requests interleave, so one check at a time: its grain-state write must not race another's.
            var now = time.GetUtcNow();
            if (now - _lastFinishCheck >= FinishCheckInterval && !_checkingFinish)
            {
                _lastFinishCheck = now;
                _checkingFinish = true;
                try
                {
                    await GetStatusAsync();
                }
                finally
                {
                    _checkingFinish = false;
                }
            }

            return null;
        }

        return new TrialWork
            {
                Study = spec.Name,
                ObjectiveId = spec.ObjectiveId,
                Number = started.Number,
                Attempt = started.Starts,
                Seed = started.Seed,
                ParametersJson = started.ParametersJson,
                Budget = started.Budget,
                PromotedFrom = started.PromotedFrom,
                LeaseDuration = spec.LeaseDuration,
                MayAskAhead = spec.Promotion is null,
            };
    }

    public Task<bool> ReportAsync(int number, long step, double value) => Study().ReportAsync(number, step, value, CancellationToken.None);

    public async Task<bool> FinishAsync(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reports = result.Steps.Zip(result.Values, (step, value) => new IntermediateValue(step, value)).ToArray();
        var end = new TrialEnd((TrialState)result.State, result.Value, result.Error, time.GetUtcNow(), reports, result.Attributes) { Attempt = result.Attempt };
        try
        {
            await Study().FinishTrialAsync(result.Number, end, CancellationToken.None);
            return true;
        }
        catch (StudyStorageException)
        {
            return false; // taken back after its lease ran out (it runs again), or recorded by an earlier call whose answer was lost
        }
    }

    public Task HeartbeatAsync(string worker) => Study().RenewLeasesAsync(worker, Spec.LeaseDuration, CancellationToken.None);

    public async Task<ClusterStudyStatus> GetStatusAsync()
    {
        var spec = Spec;
        var tally = _tally;
        var study = Study();
        tally.Apply(await study.GetChangesAsync(tally.Version, CancellationToken.None));
        var trials = tally.Trials;
        var direction = Objective(spec).Direction;
        var best = BestTrial.Of(trials, direction);
        int Count(TrialState s) => tally.Count(s);
        var counted = trials.Count - Count(TrialState.Cancelled);
        var status = new ClusterStudyStatus
        {
            Name = spec.Name,
            Trials = spec.Trials,
            Complete = Count(TrialState.Complete),
            Failed = Count(TrialState.Failed),
            Pruned = Count(TrialState.Pruned),
            Cancelled = Count(TrialState.Cancelled),
            Running = Count(TrialState.Running),
            Waiting = Count(TrialState.Waiting),
            BestNumber = best?.Number,
            BestValue = best?.Value,
            BestParametersJson = best?.ParametersJson,
            CoordinatorSilo = silo.SiloAddress.ToString(),
        };
        status = status with { Finished = counted >= spec.Trials && status.Running == 0 && status.Waiting == 0 };
        if (status.Finished && !state.State.Finished)
        {
            state.State.Finished = true;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IStudyDirectoryGrain>(0).RemoveAsync(spec.Name);
        }

        return status;
    }

    private IRegisteredObjective Objective(StudySpec spec) =>
        options.Objectives!.TryGet(spec.ObjectiveId, out var objective)
            ? objective
            : throw new InvalidOperationException(
                $"The study '{spec.Name}' runs the objective '{spec.ObjectiveId}', which this silo does not register (AttrHpoSiloOptions.Objectives): " +
                "every silo of the cluster should register the same objectives.");

    private IClusterStudy Study()
    {
        if (_study is not null)
        {
            return _study;
        }

        var spec = Spec;
        _sampler = samplers.Create(spec.Sampler);
        _study = ClusterStudies.Create(Objective(spec), new StudyOptions
        {
            Name = spec.Name,
            Seed = spec.Seed,
            Sampler = _sampler,
            Storage = storage,
            LeaseDuration = spec.LeaseDuration,
            MaxTrialStarts = spec.MaxTrialStarts,
            Pruning = PortableSettings.Pruning(spec.Pruning),
            Promotion = PortableSettings.Promotion(spec.Promotion),
            LoggerFactory = loggerFactory,
            TimeProvider = time,
            WorkerName = $"orleans/{silo.SiloAddress}/coordinator",
        });
        return _study;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        DropStudy();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void DropStudy()
    {
        (_sampler as IDisposable)?.Dispose();
        _sampler = null;
        _study = null;
        _tally = new StudyTally();
    }
}
