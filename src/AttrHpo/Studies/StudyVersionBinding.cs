namespace AttrHpo;

/// <summary>
/// Binds a study object to one version of its study: the first opening asks the storage for the version (creating it when the
/// space changed and <see cref="StudyOptions.OnSpaceChange"/> allows), and from then on every operation the study object
/// names by its <see cref="Study{TParameters}.Name"/> goes to that version's <see cref="StoredStudy.StorageName"/>. The object
/// stays on its version for its life, even when another process makes a newer one.
/// </summary>
/// <param name="inner">The storage the study was given.</param>
/// <param name="version">The version asked for (<see cref="StudyOptions.Version"/>); the latest when <see langword="null"/>.</param>
/// <param name="onSpaceChange">What a changed space does.</param>
/// <param name="opened">Told once, after the first opening, with the storage and the version (the warm start reads earlier versions then).</param>
internal sealed class StudyVersionBinding(
    IStudyStorage inner, int? version, SpaceChange onSpaceChange, Func<IStudyStorage, StoredStudy, CancellationToken, ValueTask>? opened = null) : IStudyStorage
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private StoredStudy? _version;

    /// <summary>The storage the study was given.</summary>
    public IStudyStorage Inner => inner;

    /// <summary>The version the study object is bound to; <see langword="null"/> until it is first opened.</summary>
    public StoredStudy? Version => Volatile.Read(ref _version);

    /// <summary>Opens the study's version the first time; later calls return at once.</summary>
    public async ValueTask OpenStudyAsync(StudyIdentity study, CancellationToken cancellationToken)
    {
        if (Version is not null)
        {
            return;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Version is null)
            {
                var bound = await inner.OpenStudyVersionAsync(study, version, onSpaceChange, cancellationToken).ConfigureAwait(false);
                if (opened is not null)
                {
                    await opened(inner, bound, cancellationToken).ConfigureAwait(false);
                }

                Volatile.Write(ref _version, bound);
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<StoredStudy> OpenStudyVersionAsync(StudyIdentity study, int? version, SpaceChange onSpaceChange, CancellationToken cancellationToken) =>
        inner.OpenStudyVersionAsync(study, version, onSpaceChange, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredStudy>> GetStudiesAsync(CancellationToken cancellationToken) => inner.GetStudiesAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord?> StartTrialAsync(string study, TrialLease lease, int budget, CancellationToken cancellationToken) =>
        inner.StartTrialAsync(Key(study), lease, budget, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> EnqueueTrialAsync(string study, IReadOnlyList<double> point, string parametersJson, CancellationToken cancellationToken) =>
        inner.EnqueueTrialAsync(Key(study), point, parametersJson, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, IReadOnlyList<double> point, string parametersJson, int seed, CancellationToken cancellationToken) =>
        inner.SetParametersAsync(Key(study), number, point, parametersJson, seed, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, TrialAssignment assignment, CancellationToken cancellationToken) =>
        inner.SetParametersAsync(Key(study), number, assignment, cancellationToken);

    /// <inheritdoc />
    public ValueTask RenewLeasesAsync(string study, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(Key(study), worker, leaseUntil, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> AddReportsAsync(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken cancellationToken) =>
        inner.AddReportsAsync(Key(study), number, attempt, reports, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> FinishTrialAsync(string study, int number, TrialEnd outcome, CancellationToken cancellationToken) =>
        inner.FinishTrialAsync(Key(study), number, outcome, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> RecoverExpiredTrialsAsync(string study, DateTimeOffset now, int maxStarts, CancellationToken cancellationToken) =>
        inner.RecoverExpiredTrialsAsync(Key(study), now, maxStarts, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryLockSamplerAsync(string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.TryLockSamplerAsync(Key(study), owner, now, until, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string?> GetSamplerLockHolderAsync(string study, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.GetSamplerLockHolderAsync(Key(study), now, cancellationToken);

    /// <inheritdoc />
    public ValueTask UnlockSamplerAsync(string study, string owner, CancellationToken cancellationToken) =>
        inner.UnlockSamplerAsync(Key(study), owner, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialChanges> GetChangesAsync(string study, long since, CancellationToken cancellationToken) =>
        inner.GetChangesAsync(Key(study), since, cancellationToken);

    /// <summary>Does nothing: the study's caller owns the storage.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The bound version's storage name for the study's own name; other names pass unchanged.</summary>
    private string Key(string study) => Version is { } bound && study == bound.Name ? bound.StorageName : study;
}
