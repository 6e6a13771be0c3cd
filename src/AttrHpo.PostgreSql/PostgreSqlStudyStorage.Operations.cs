using System.Data;

namespace AttrHpo;

/// <summary>The members of <see cref="IStudyStorage"/> on trials: each checks its arguments and runs one transaction.</summary>
public sealed partial class PostgreSqlStudyStorage
{
    /// <inheritdoc />
    public async ValueTask OpenStudyAsync(StudyIdentity study, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        await RunAsync(study, static (storage, s, identity, ct) => storage.OpenStudy(s, identity, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord?> StartTrialAsync(string study, TrialLease lease, int budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(lease);
        return RunAsync((Study: study, Lease: lease, Budget: budget), static (storage, s, a, ct) => storage.StartTrial(s, a.Study, a.Lease, a.Budget, ct), cancellationToken, commit: Commit.Unflushed);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> EnqueueTrialAsync(string study, IReadOnlyList<double> point, string parametersJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrEmpty(parametersJson);
        return RunAsync((Study: study, Point: point, Json: parametersJson), static (storage, s, a, ct) => storage.Enqueue(s, a.Study, a.Point, a.Json, ct), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, IReadOnlyList<double> point, string parametersJson, int seed, CancellationToken cancellationToken) =>
        SetParametersAsync(study, number, new TrialAssignment(point, parametersJson, seed), cancellationToken);

    /// <inheritdoc />
    public ValueTask<TrialRecord> SetParametersAsync(string study, int number, TrialAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(assignment.Point);
        ArgumentException.ThrowIfNullOrEmpty(assignment.ParametersJson);
        return RunAsync(
            (Study: study, Number: number, Assignment: assignment),
            static (storage, s, a, ct) => storage.SetParameters(s, a.Study, a.Number, a.Assignment, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask RenewLeasesAsync(string study, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(worker);
        await RunAsync((Study: study, Worker: worker, Until: leaseUntil), static (storage, s, a, ct) => storage.RenewLeases(s, a.Study, a.Worker, a.Until, ct), cancellationToken, commit: Commit.Unflushed)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TrialRecord> FinishTrialAsync(string study, int number, TrialEnd outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(outcome);
        return RunAsync((Study: study, Number: number, Outcome: outcome), static (storage, s, a, ct) => storage.Finish(s, a.Study, a.Number, a.Outcome, ct), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> RecoverExpiredTrialsAsync(string study, DateTimeOffset now, int maxStarts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync((Study: study, Now: now, MaxStarts: maxStarts), static (storage, s, a, ct) => storage.RecoverExpired(s, a.Study, a.Now, a.MaxStarts, ct), cancellationToken, commit: Commit.Unflushed);
    }

    /// <inheritdoc />
    public ValueTask<TrialChanges> GetChangesAsync(string study, long since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync((Study: study, Since: since), static (storage, s, a, ct) => storage.GetChanges(s, a.Study, a.Since, ct), cancellationToken, IsolationLevel.RepeatableRead);
    }
}
