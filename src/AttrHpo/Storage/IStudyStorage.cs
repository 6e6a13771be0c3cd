namespace AttrHpo;

/// <summary>
/// Where studies keep their trials: the source of truth. A trial's result is recorded here before any sampler or
/// scheduler sees it, so a crash never loses a finished result. Every operation is atomic, so several workers and
/// several processes can share one study: storage hands out trial numbers, enforces the study's trial budget, and
/// leases running trials to their worker so that trials of a worker that died are found and run again.
/// </summary>
/// <remarks>
/// Disposable, so that <c>await using var storage = StudyStorage.Open(...)</c> closes whatever storage it opened (a SQLite
/// file's connection); disposing in-memory storage does nothing.
/// </remarks>
public interface IStudyStorage : IAsyncDisposable
{
    /// <summary>
    /// Creates the study stored under <see cref="StudyIdentity.Name"/> when it does not exist, or opens it, checking that it is of
    /// the same objective, direction and search space. Studies open their version with <see cref="OpenStudyVersionAsync"/>.
    /// </summary>
    /// <param name="study">The study's name, objective and direction.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="StudyStorageException">The study exists for another objective or direction, or the storage cannot be used.</exception>
    ValueTask OpenStudyAsync(StudyIdentity study, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the version of a study that a study object runs, creating it when needed, in one atomic step (several processes
    /// opening a changed space at once make one new version): version <paramref name="version"/> when given, which must have been
    /// recorded with <paramref name="study"/>'s space; otherwise the latest version when its space is <paramref name="study"/>'s,
    /// or, when it is another, the next version (<see cref="SpaceChange.NewVersion"/>) or a refusal naming every difference
    /// (<see cref="SpaceChange.Refuse"/>). A study not recorded yet is created as version 1. The version's trials are then read
    /// and written under <see cref="StoredStudy.StorageName"/>.
    /// </summary>
    /// <param name="study">The study's name (<see cref="StoredStudy.Name"/>), objective, direction and search space.</param>
    /// <param name="version">The version to open; the latest when <see langword="null"/>.</param>
    /// <param name="onSpaceChange">What a space other than the latest version's does.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The opened version.</returns>
    /// <exception cref="StudyStorageException">The study exists for another objective or direction, its space changed and is refused, the version does not exist, or the storage cannot be used.</exception>
    /// <remarks>
    /// The default, for storages that keep one version per study, opens the study under its own name with
    /// <see cref="OpenStudyAsync"/> (so a changed space is refused) and refuses versions other than 1.
    /// </remarks>
    async ValueTask<StoredStudy> OpenStudyVersionAsync(StudyIdentity study, int? version, SpaceChange onSpaceChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (version is { } asked && asked != 1)
        {
            throw new StudyStorageException(
                $"{GetType().Name} keeps one version per study, so the study '{study.Name}' has no version {asked}. Leave StudyOptions.Version unset.");
        }

        await OpenStudyAsync(study, cancellationToken).ConfigureAwait(false);
        return new StoredStudy(study.Name, 1, study.Name, study);
    }

    /// <summary>Every study the storage keeps, each version apart, ordered by name and version.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <remarks>The default, for storages that cannot list their studies, throws <see cref="NotSupportedException"/>.</remarks>
    ValueTask<IReadOnlyList<StoredStudy>> GetStudiesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot list its studies.");

    /// <summary>
    /// Starts a trial for a worker: claims the lowest-numbered <see cref="TrialState.Waiting"/> trial, or, while fewer than
    /// <paramref name="budget"/> trials of the study count toward it (every state but <see cref="TrialState.Cancelled"/>),
    /// creates one with the next number and no parameters yet. The trial is <see cref="TrialState.Running"/> and leased.
    /// </summary>
    /// <param name="study">The study's name.</param>
    /// <param name="lease">Who runs the trial, and until when the lease holds without renewal.</param>
    /// <param name="budget">The study's total number of trials.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The started trial, or <see langword="null"/> when nothing waits and the budget is used up.</returns>
    ValueTask<TrialRecord?> StartTrialAsync(string study, TrialLease lease, int budget, CancellationToken cancellationToken);

    /// <summary>Adds a <see cref="TrialState.Waiting"/> trial with known parameters, which the next worker to start a trial runs first.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="point">The parameters as a point of the unit cube.</param>
    /// <param name="parametersJson">The parameters as JSON.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new trial.</returns>
    ValueTask<TrialRecord> EnqueueTrialAsync(string study, IReadOnlyList<double> point, string parametersJson, CancellationToken cancellationToken);

    /// <summary>Records the parameters (and seed) of a running trial that was started without them.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="point">The parameters as a point of the unit cube.</param>
    /// <param name="parametersJson">The parameters as JSON.</param>
    /// <param name="seed">The seed the objective gets.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<TrialRecord> SetParametersAsync(string study, int number, IReadOnlyList<double> point, string parametersJson, int seed, CancellationToken cancellationToken) =>
        SetParametersAsync(study, number, new TrialAssignment(point, parametersJson, seed), cancellationToken);

    /// <summary>Records the parameters, seed, budget and promotion of a running trial.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="assignment">What the trial is given.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="PromotionTakenException">Another trial already promotes <see cref="TrialAssignment.PromotedFrom"/>; nothing was written.</exception>
    ValueTask<TrialRecord> SetParametersAsync(string study, int number, TrialAssignment assignment, CancellationToken cancellationToken);

    /// <summary>Extends the lease of every running trial of <paramref name="worker"/>.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="worker">The worker.</param>
    /// <param name="leaseUntil">The new end of the leases.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask RenewLeasesAsync(string study, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Records intermediate values of a running trial as it reports them, so that other processes and later study objects
    /// judge and rank it with what it reported so far. Reports at steps not after the last one stored are skipped (a write
    /// repeated after a lost answer changes nothing). A trial started again drops the reports of its earlier start.
    /// </summary>
    /// <param name="study">The study's name.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="attempt">The start the reports belong to (<see cref="TrialRecord.Starts"/>); not checked when <see langword="null"/>.</param>
    /// <param name="reports">The new reports, in the order made.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The trial with every report stored.</returns>
    /// <exception cref="StudyStorageException">The trial is not running, or has been started again since <paramref name="attempt"/>.</exception>
    ValueTask<TrialRecord> AddReportsAsync(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken cancellationToken);

    /// <summary>
    /// Records how a running trial ended. A finished trial never changes again. Its reports are those stored while it ran
    /// followed by those of <paramref name="outcome"/> after the last stored step; a pruned trial told without a value takes
    /// its last report's.
    /// </summary>
    /// <param name="study">The study's name.</param>
    /// <param name="number">The trial's number.</param>
    /// <param name="outcome">Its final state, value or error, time, and reports.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="StudyStorageException">The trial is not running (it finished, or its lease expired and another worker took it).</exception>
    ValueTask<TrialRecord> FinishTrialAsync(string study, int number, TrialEnd outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Finds running trials whose lease ended before <paramref name="now"/> (their worker died or hangs): each goes back to
    /// <see cref="TrialState.Waiting"/> while it has been started fewer than <paramref name="maxStarts"/> times, and is failed otherwise.
    /// </summary>
    /// <param name="study">The study's name.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxStarts">How many times a trial may be started in all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many trials were recovered.</returns>
    ValueTask<int> RecoverExpiredTrialsAsync(string study, DateTimeOffset now, int maxStarts, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the study's sampler lock for <paramref name="owner"/> when it is free, its holder's time has passed, or
    /// <paramref name="owner"/> holds it already (then its time is extended). Whoever chooses new trials' parameters holds it
    /// from reading the study to writing the parameters, so that every suggestion, in any process, sees every trial that got
    /// its parameters before it as pending: no two workers sample without each other's points.
    /// </summary>
    /// <param name="study">The study's name.</param>
    /// <param name="owner">Who takes the lock: unique per study object.</param>
    /// <param name="now">The current time: a lock held until before it is free.</param>
    /// <param name="until">Until when the lock holds without being released (a holder that dies frees it then).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether <paramref name="owner"/> holds the lock now.</returns>
    ValueTask<bool> TryLockSamplerAsync(string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Who holds the study's sampler lock at <paramref name="now"/>; <see langword="null"/> when it is free or its time has passed.
    /// A study waiting for the lock reads it to free a lock whose holder, a process of the same machine, has died.
    /// </summary>
    /// <param name="study">The study's name.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<string?> GetSamplerLockHolderAsync(string study, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Releases the study's sampler lock if <paramref name="owner"/> holds it; does nothing otherwise.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="owner">Who took the lock.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask UnlockSamplerAsync(string study, string owner, CancellationToken cancellationToken);

    /// <summary>The trials changed after version <paramref name="since"/> (0 for all), so that readers never re-read the whole study.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="since">The version the reader has seen.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<TrialChanges> GetChangesAsync(string study, long since, CancellationToken cancellationToken);
}
