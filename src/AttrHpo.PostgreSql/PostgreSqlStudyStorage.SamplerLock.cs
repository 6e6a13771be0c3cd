namespace AttrHpo;

/// <summary>The study's sampler lock, a row of <c>sampler_locks</c> per study: its holder and until when it holds.</summary>
public sealed partial class PostgreSqlStudyStorage
{
    /// <inheritdoc />
    public ValueTask<bool> TryLockSamplerAsync(string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(owner);
        return RunAsync((Study: study, Owner: owner, Now: now, Until: until), static (storage, s, a, ct) => storage.TryLockSampler(s, a.Study, a.Owner, a.Now, a.Until, ct), cancellationToken, commit: Commit.Unflushed);
    }

    /// <inheritdoc />
    public ValueTask<string?> GetSamplerLockHolderAsync(string study, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync((Study: study, Now: now), static (storage, s, a, ct) => storage.SamplerLockHolder(s, a.Study, a.Now, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask UnlockSamplerAsync(string study, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(owner);
        await RunAsync((Study: study, Owner: owner), static (storage, s, a, ct) => storage.UnlockSampler(s, a.Study, a.Owner, ct), cancellationToken, commit: Commit.Unflushed).ConfigureAwait(false);
    }

    /// <summary>One statement: takes the lock when it is free, expired or the owner's already (an upsert is atomic on the server).</summary>
    private async Task<bool> TryLockSampler(PostgreSqlSession s, string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        await using var take = s.Sql(
            "INSERT INTO sampler_locks (study_id, owner, lock_until) VALUES (@study, @owner, @until) " +
            "ON CONFLICT (study_id) DO UPDATE SET owner = excluded.owner, lock_until = excluded.lock_until " +
            "WHERE sampler_locks.owner = excluded.owner OR sampler_locks.lock_until < @now")
            .With("study", id).With("owner", owner).With("until", PostgreSqlRows.LeaseMs(until)).With("now", PostgreSqlRows.LeaseMs(now));
        return await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private async Task<string?> SamplerLockHolder(PostgreSqlSession s, string study, DateTimeOffset now, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        await using var holder = s.Sql("SELECT owner FROM sampler_locks WHERE study_id = @study AND lock_until >= @now")
            .With("study", id).With("now", PostgreSqlRows.LeaseMs(now));
        return await holder.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    private async Task<bool> UnlockSampler(PostgreSqlSession s, string study, string owner, CancellationToken ct)
    {
        var id = await StudyId(s, study, ct).ConfigureAwait(false);
        await using var release = s.Sql("DELETE FROM sampler_locks WHERE study_id = @study AND owner = @owner").With("study", id).With("owner", owner);
        return await release.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }
}
