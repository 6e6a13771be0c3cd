namespace AttrHpo;

/// <summary>Deleting and renaming whole studies: each one write transaction that reads the study's versions and running trials first.</summary>
public sealed partial class SqliteStudyStorage : IStudyAdministration
{
    /// <inheritdoc />
    public ValueTask<bool> DeleteStudyAsync(string name, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return RunAsync((Name: name, Now: now, Force: force), static (storage, a) => storage.DeleteStudy(a.Name, a.Now, a.Force), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> RenameStudyAsync(string name, string newName, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        return RunAsync((Name: name, NewName: newName, Now: now, Force: force), static (storage, a) => storage.RenameStudy(a.Name, a.NewName, a.Now, a.Force), cancellationToken);
    }

    private bool DeleteStudy(string name, DateTimeOffset now, bool force)
    {
        Begin();
        var versions = ReadVersions(name);
        if (versions.Count == 0)
        {
            Rollback();
            return false;
        }

        var ids = versions.Select(v => _studyIds[v.StorageName]).ToList();
        StudyAdministration.CheckIdle(name, RunningUnderLease(ids, now), force, "deleted");
        foreach (var id in ids)
        {
            foreach (var statement in (string[])["DELETE FROM reports WHERE study_id = $id", "DELETE FROM trials WHERE study_id = $id", "DELETE FROM sampler_locks WHERE study_id = $id", "DELETE FROM studies WHERE id = $id"])
            {
                var delete = Sql(statement);
                delete.Parameters.AddWithValue("$id", id);
                delete.ExecuteNonQuery();
            }
        }

        Commit();
        foreach (var version in versions)
        {
            _studyIds.Remove(version.StorageName);
        }

        return true;
    }

    private bool RenameStudy(string name, string newName, DateTimeOffset now, bool force)
    {
        Begin();
        var versions = ReadVersions(name);
        if (versions.Count == 0)
        {
            Rollback();
            return false;
        }

        var names = StudyAdministration.NewNames(name, newName, ReadStudies(string.Empty, null), versions);
        var ids = versions.ToDictionary(v => v.Version, v => _studyIds[v.StorageName]);
        StudyAdministration.CheckIdle(name, RunningUnderLease(ids.Values, now), force, "renamed");
        foreach (var version in versions)
        {
            var rename = Sql("UPDATE studies SET name = $name, version_of = $of WHERE id = $id");
            rename.Parameters.AddWithValue("$name", names[version.Version]);
            rename.Parameters.AddWithValue("$of", version.Version == 1 ? DBNull.Value : newName);
            rename.Parameters.AddWithValue("$id", ids[version.Version]);
            rename.ExecuteNonQuery();
        }

        Commit();
        foreach (var version in versions)
        {
            _studyIds.Remove(version.StorageName);
            _studyIds[names[version.Version]] = ids[version.Version];
        }

        return true;
    }

    private List<int> RunningUnderLease(IEnumerable<long> ids, DateTimeOffset now)
    {
        var numbers = new List<int>();
        foreach (var id in ids)
        {
            var select = Sql("SELECT number FROM trials WHERE study_id = $id AND state = 'Running' AND (lease_until IS NULL OR lease_until >= $now)");
            select.Parameters.AddWithValue("$id", id);
            select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                numbers.Add(reader.GetInt32(0));
            }
        }

        return numbers;
    }
}
