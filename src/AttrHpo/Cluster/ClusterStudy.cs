namespace AttrHpo;

/// <summary>
/// A study seen without its parameters' type, driven by a coordinator that hands trials to workers elsewhere (package
/// AttrHpo.Orleans): it claims trials under the caller's leases, gives each its parameters as <c>OptimizeAsync</c> does
/// (enqueued and re-run trials keep theirs, promotions first, then the sampler under the storage's sampler lock with every
/// running trial pending), and records the results workers send back.
/// </summary>
internal interface IClusterStudy
{
    /// <summary>The study's name in its storage.</summary>
    string Name { get; }

    /// <summary>
    /// Takes back trials whose leases ended (at most once a second), then claims a trial for <paramref name="worker"/> (a waiting one first, or a new
    /// one while the study holds fewer than <paramref name="totalTrials"/>) and gives it its parameters.
    /// </summary>
    /// <returns>The trial as stored, with its parameters, seed and budget; <see langword="null"/> when the budget is used up and nothing waits.</returns>
    Task<TrialRecord?> StartTrialAsync(string worker, TimeSpan lease, int totalTrials, CancellationToken cancellationToken);

    /// <summary>Stores an intermediate value of a running trial and says whether the study's pruning rule stops it.</summary>
    Task<bool> ReportAsync(int trialNumber, long step, double value, CancellationToken cancellationToken);

    /// <summary>Records how a trial ended (refused with <see cref="StudyStorageException"/> when its lease was taken back).</summary>
    Task<TrialRecord> FinishTrialAsync(int trialNumber, TrialEnd end, CancellationToken cancellationToken);

    /// <summary>Extends the leases of every running trial of <paramref name="worker"/>.</summary>
    Task RenewLeasesAsync(string worker, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The trials changed after storage version <paramref name="since"/> (0 for every trial), so a reader never re-reads the whole study.</summary>
    Task<TrialChanges> GetChangesAsync(long since, CancellationToken cancellationToken);
}

/// <summary>Creates a <see cref="IClusterStudy"/> of an objective known only as <see cref="IRegisteredObjective"/>.</summary>
internal interface IClusterStudySource
{
    IClusterStudy CreateClusterStudy(StudyOptions options);
}

/// <summary>Cluster studies from registered objectives: every generated shim derives from <see cref="ObjectiveDefinition{TParameters}"/>.</summary>
internal static class ClusterStudies
{
    /// <summary>The study of <paramref name="objective"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The objective is not an <see cref="ObjectiveDefinition{TParameters}"/>.</exception>
    public static IClusterStudy Create(IRegisteredObjective objective, StudyOptions options) =>
        objective is IClusterStudySource source
            ? source.CreateClusterStudy(options)
            : throw new ArgumentException(
                $"The objective '{objective.Id}' ({objective.GetType().Name}) does not derive from ObjectiveDefinition<TParameters>, so no study of it can be made.",
                nameof(objective));
}

public abstract partial class ObjectiveDefinition<TParameters> : IClusterStudySource
{
    IClusterStudy IClusterStudySource.CreateClusterStudy(StudyOptions options) => Study.Create(this, options);
}

public sealed partial class Study<TParameters> : IClusterStudy
{
    /// <summary>How often a coordinator looks for trials whose lease ran out, at most: on a request, not on every one.</summary>
    private static readonly TimeSpan ClusterRecoveryInterval = TimeSpan.FromSeconds(1);

    private long _lastClusterRecoveryTicks; // UtcTicks of the last look; 0, long before any, at first

    async Task<TrialRecord?> IClusterStudy.StartTrialAsync(string worker, TimeSpan lease, int totalTrials, CancellationToken cancellationToken)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var view = AskView();
        var now = _time.GetUtcNow();
        var last = Interlocked.Read(ref _lastClusterRecoveryTicks);
        if (now.UtcTicks - last >= ClusterRecoveryInterval.Ticks
            && Interlocked.CompareExchange(ref _lastClusterRecoveryTicks, now.UtcTicks, last) == last)
        {
            await _storage.RecoverExpiredTrialsAsync(Name, now, Options.MaxTrialStarts, cancellationToken).ConfigureAwait(false);
        }

        var trial = await _storage.StartTrialAsync(Name, new TrialLease(worker, now, now + lease), totalTrials, cancellationToken).ConfigureAwait(false);
        if (trial is null)
        {
            return null;
        }

        try
        {
            var (_, started) = await AssignParametersAsync(view, trial, cancellationToken).ConfigureAwait(false);
            return started;
        }
        catch (Exception exception)
        {
            await TryCancelUnstartedAsync(trial, $"Cancelled: choosing its parameters failed ({exception.GetType().Name}: {exception.Message}).").ConfigureAwait(false);
            throw;
        }
    }

    Task<bool> IClusterStudy.ReportAsync(int trialNumber, long step, double value, CancellationToken cancellationToken) =>
        ReportAsync(trialNumber, step, value, cancellationToken);

    async Task<TrialRecord> IClusterStudy.FinishTrialAsync(int trialNumber, TrialEnd end, CancellationToken cancellationToken)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        var finished = await _storage.FinishTrialAsync(Name, trialNumber, end, cancellationToken).ConfigureAwait(false);
        AskView().Apply(finished);
        Log(finished);
        return finished;
    }

    async Task IClusterStudy.RenewLeasesAsync(string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        await _storage.RenewLeasesAsync(Name, worker, _time.GetUtcNow() + lease, cancellationToken).ConfigureAwait(false);
    }

    async Task<TrialChanges> IClusterStudy.GetChangesAsync(long since, CancellationToken cancellationToken)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        return await _storage.GetChangesAsync(Name, since, cancellationToken).ConfigureAwait(false);
    }
}
