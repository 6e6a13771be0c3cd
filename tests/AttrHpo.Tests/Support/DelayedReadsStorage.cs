namespace AttrHpo.Tests.Support;

/// <summary>
/// A storage whose reads of changes arrive late, by 0 to <c>maxDelay</c> (seeded): read at once, handed over after the pause,
/// so that a worker applies a read older than what other workers wrote and read meanwhile, as on a loaded machine.
/// </summary>
public sealed class DelayedReadsStorage(IStudyStorage inner, TimeSpan maxDelay, int seed) : IStudyStorage
{
    private readonly Random _random = new(seed);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public ValueTask OpenStudyAsync(StudyIdentity study, CancellationToken cancellationToken) => inner.OpenStudyAsync(study, cancellationToken);

    public ValueTask<TrialRecord?> StartTrialAsync(string study, TrialLease lease, int budget, CancellationToken cancellationToken) =>
        inner.StartTrialAsync(study, lease, budget, cancellationToken);

    public ValueTask<TrialRecord> EnqueueTrialAsync(string study, IReadOnlyList<double> point, string parametersJson, CancellationToken cancellationToken) =>
        inner.EnqueueTrialAsync(study, point, parametersJson, cancellationToken);

    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, TrialAssignment assignment, CancellationToken cancellationToken) =>
        inner.SetParametersAsync(study, number, assignment, cancellationToken);

    public ValueTask RenewLeasesAsync(string study, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(study, worker, leaseUntil, cancellationToken);

    public ValueTask<TrialRecord> AddReportsAsync(string study, int number, int? attempt, IReadOnlyList<IntermediateValue> reports, CancellationToken cancellationToken) =>
        inner.AddReportsAsync(study, number, attempt, reports, cancellationToken);

    public ValueTask<TrialRecord> FinishTrialAsync(string study, int number, TrialEnd outcome, CancellationToken cancellationToken) =>
        inner.FinishTrialAsync(study, number, outcome, cancellationToken);

    public ValueTask<int> RecoverExpiredTrialsAsync(string study, DateTimeOffset now, int maxStarts, CancellationToken cancellationToken) =>
        inner.RecoverExpiredTrialsAsync(study, now, maxStarts, cancellationToken);

    public ValueTask<bool> TryLockSamplerAsync(string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.TryLockSamplerAsync(study, owner, now, until, cancellationToken);

    public ValueTask<string?> GetSamplerLockHolderAsync(string study, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.GetSamplerLockHolderAsync(study, now, cancellationToken);

    public ValueTask UnlockSamplerAsync(string study, string owner, CancellationToken cancellationToken) =>
        inner.UnlockSamplerAsync(study, owner, cancellationToken);

    public async ValueTask<TrialChanges> GetChangesAsync(string study, long since, CancellationToken cancellationToken)
    {
        var changes = await inner.GetChangesAsync(study, since, cancellationToken).ConfigureAwait(false);
        int pause;
        lock (_random)
        {
            pause = _random.Next((int)maxDelay.TotalMilliseconds + 1);
        }

        await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        return changes;
    }
}
