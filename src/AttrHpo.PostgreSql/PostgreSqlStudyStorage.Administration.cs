namespace AttrHpo;

/// <summary>
/// Deleting and renaming whole studies: each one transaction that takes the lock study creation takes, then the versions' rows
/// (which every trial write locks too), and reads the running trials before it writes.
/// </summary>
public sealed partial class PostgreSqlStudyStorage : IStudyAdministration
{
    /// <inheritdoc />
    public ValueTask<bool> DeleteStudyAsync(string name, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return RunAsync((Name: name, Now: now, Force: force), static (storage, s, a, ct) => storage.DeleteStudy(s, a.Name, a.Now, a.Force, ct), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> RenameStudyAsync(string name, string newName, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        return RunAsync(
            (Name: name, NewName: newName, Now: now, Force: force),
            static (storage, s, a, ct) => storage.RenameStudy(s, a.Name, a.NewName, a.Now, a.Force, ct),
            cancellationToken);
    }

    private async Task<bool> DeleteStudy(PostgreSqlSession s, string name, DateTimeOffset now, bool force, CancellationToken ct)
    {
        var versions = await LockVersions(s, name, ct).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return false;
        }

        var ids = versions.Select(v => v.Id).ToList();
        StudyAdministration.CheckIdle(name, await RunningUnderLease(s, ids, now, ct).ConfigureAwait(false), force, "deleted");
        foreach (var id in ids)
        {
            foreach (var statement in (string[])["DELETE FROM reports WHERE study_id = @id", "DELETE FROM trials WHERE study_id = @id", "DELETE FROM sampler_locks WHERE study_id = @id", "DELETE FROM studies WHERE id = @id"])
            {
                await using var delete = s.Sql(statement).With("id", id);
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        foreach (var (study, _) in versions)
        {
            _studyIds.TryRemove(study.StorageName, out _);
        }

        return true;
    }

    private async Task<bool> RenameStudy(PostgreSqlSession s, string name, string newName, DateTimeOffset now, bool force, CancellationToken ct)
    {
        var versions = await LockVersions(s, name, ct).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return false;
        }

        var names = StudyAdministration.NewNames(name, newName, await ReadStudies(s, string.Empty, null, ct).ConfigureAwait(false), [.. versions.Select(v => v.Study)]);
        StudyAdministration.CheckIdle(name, await RunningUnderLease(s, [.. versions.Select(v => v.Id)], now, ct).ConfigureAwait(false), force, "renamed");
        foreach (var (study, id) in versions)
        {
            await using var rename = s.Sql("UPDATE studies SET name = @name, version_of = @of WHERE id = @id")
                .With("name", names[study.Version]).With("of", study.Version == 1 ? null : newName).With("id", id);
            await rename.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        foreach (var (study, id) in versions)
        {
            _studyIds.TryRemove(study.StorageName, out _);
            _studyIds[names[study.Version]] = id;
        }

        return true;
    }

    /// <summary>The versions of <paramref name="name"/>, with their rows locked, after taking the lock that serializes study creation.</summary>
    private async Task<List<(StoredStudy Study, long Id)>> LockVersions(PostgreSqlSession s, string name, CancellationToken ct)
    {
        await using (var serialize = s.Sql("SELECT pg_advisory_xact_lock(@key)").With("key", PostgreSqlSchema.SetupLock))
        {
            await serialize.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var versions = new List<(StoredStudy, long)>();
        foreach (var version in await ReadVersions(s, name, ct).ConfigureAwait(false))
        {
            var id = _studyIds[version.StorageName];
            await using var lockRow = s.Sql("SELECT version FROM studies WHERE id = @id FOR UPDATE").With("id", id);
            await lockRow.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            versions.Add((version, id));
        }

        return versions;
    }

    private static async Task<List<int>> RunningUnderLease(PostgreSqlSession s, List<long> ids, DateTimeOffset now, CancellationToken ct)
    {
        var numbers = new List<int>();
        foreach (var id in ids)
        {
            await using var select = s.Sql("SELECT number FROM trials WHERE study_id = @id AND state = 'Running' AND (lease_until IS NULL OR lease_until >= @now)")
                .With("id", id).With("now", now.ToUnixTimeMilliseconds());
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                numbers.Add(reader.GetInt32(0));
            }
        }

        return numbers;
    }
}
