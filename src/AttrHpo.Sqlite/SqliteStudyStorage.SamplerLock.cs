namespace AttrHpo;

/// <summary>The study's sampler lock, a row of <c>sampler_locks</c> per study while it is held.</summary>
public sealed partial class SqliteStudyStorage
{
    /// <inheritdoc />
    public ValueTask<bool> TryLockSamplerAsync(string study, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(owner);
        return RunAsync((Study: study, Owner: owner, Now: now, Until: until), static (storage, a) => storage.TryLockSampler(a.Study, a.Owner, a.Now, a.Until), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<string?> GetSamplerLockHolderAsync(string study, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync((Study: study, Now: now), static (storage, a) => storage.SamplerLockHolder(a.Study, a.Now), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask UnlockSamplerAsync(string study, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(owner);
        await RunAsync((Study: study, Owner: owner), static (storage, a) => storage.UnlockSampler(a.Study, a.Owner), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One write: takes the lock when it is free, expired or the owner's already, in a single upsert.</summary>
    private bool TryLockSampler(string study, string owner, DateTimeOffset now, DateTimeOffset until)
    {
        var id = StudyId(study);
        Begin();
        var take = Sql(
            "INSERT INTO sampler_locks (study_id, owner, until) VALUES ($study, $owner, $until) " +
            "ON CONFLICT (study_id) DO UPDATE SET owner = excluded.owner, until = excluded.until " +
            "WHERE sampler_locks.owner = excluded.owner OR sampler_locks.until < $now");
        take.Parameters.AddWithValue("$study", id);
        take.Parameters.AddWithValue("$owner", owner);
        take.Parameters.AddWithValue("$until", SqliteRows.LeaseMs(until));
        take.Parameters.AddWithValue("$now", SqliteRows.LeaseMs(now));
        var taken = take.ExecuteNonQuery() == 1;
        Commit();
        return taken;
    }

    private string? SamplerLockHolder(string study, DateTimeOffset now)
    {
        var holder = Sql("SELECT owner FROM sampler_locks WHERE study_id = $study AND until >= $now");
        holder.Parameters.AddWithValue("$study", StudyId(study));
        holder.Parameters.AddWithValue("$now", SqliteRows.LeaseMs(now));
        return holder.ExecuteScalar() as string;
    }

    private bool UnlockSampler(string study, string owner)
    {
        var id = StudyId(study);
        Begin();
        var release = Sql("DELETE FROM sampler_locks WHERE study_id = $study AND owner = $owner");
        release.Parameters.AddWithValue("$study", id);
        release.Parameters.AddWithValue("$owner", owner);
        var released = release.ExecuteNonQuery() == 1;
        Commit();
        return released;
    }
}
