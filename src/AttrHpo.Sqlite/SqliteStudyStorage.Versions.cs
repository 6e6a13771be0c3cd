namespace AttrHpo;

/// <summary>
/// The versions of a study (<see cref="SpaceChange.NewVersion"/>): a row of <c>studies</c> each, the first under the study's
/// name, later ones under <c>"name (version N)"</c> with <c>version_of</c> and <c>version_number</c> set. A new version is made
/// in one write transaction that reads the versions again first, so processes that open a changed space at once make one.
/// </summary>
public sealed partial class SqliteStudyStorage
{
    private const string StudyColumns = "id, name, objective_id, direction, space, version_of, COALESCE(version_number, 1)";

    /// <inheritdoc />
    public ValueTask<StoredStudy> OpenStudyVersionAsync(StudyIdentity study, int? version, SpaceChange onSpaceChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync(
            (Study: study, Version: version, OnSpaceChange: onSpaceChange),
            static (storage, a) => storage.OpenStudyVersion(a.Study, a.Version, a.OnSpaceChange),
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredStudy>> GetStudiesAsync(CancellationToken cancellationToken) =>
        RunAsync(0, static (storage, _) => (IReadOnlyList<StoredStudy>)storage.GetStudies(), cancellationToken);

    private StoredStudy OpenStudyVersion(StudyIdentity study, int? version, SpaceChange onSpaceChange)
    {
        // Opening a version that exists with this space writes nothing: look first without the write lock.
        var (open, _) = StudyVersions.Decide(ReadVersions(study.Name), study, version, onSpaceChange);
        if (open is not null && (open.Space is not null || study.Space is null))
        {
            return open;
        }

        Begin();
        var (again, create) = StudyVersions.Decide(ReadVersions(study.Name), study, version, onSpaceChange);
        if (again is not null)
        {
            // A study of an older file: it takes the space it is opened with from now on.
            var adopt = Sql("UPDATE studies SET space = $space WHERE name = $name AND space IS NULL");
            adopt.Parameters.AddWithValue("$space", (object?)study.Space ?? DBNull.Value);
            adopt.Parameters.AddWithValue("$name", again.StorageName);
            adopt.ExecuteNonQuery();
            Commit();
            return again with { Identity = again.Identity with { Space = again.Space ?? study.Space } };
        }

        var storageName = StudyVersions.StorageName(study.Name, create);
        var insert = Sql(
            "INSERT INTO studies (name, objective_id, direction, created, version, space, version_of, version_number) " +
            "VALUES ($name, $objective, $direction, $created, 0, $space, $of, $number) ON CONFLICT (name) DO NOTHING");
        insert.Parameters.AddWithValue("$name", storageName);
        insert.Parameters.AddWithValue("$objective", study.ObjectiveId);
        insert.Parameters.AddWithValue("$direction", StoredText.Direction(study.Direction));
        insert.Parameters.AddWithValue("$created", SqliteRows.Time(DateTimeOffset.UtcNow));
        insert.Parameters.AddWithValue("$space", (object?)study.Space ?? DBNull.Value);
        insert.Parameters.AddWithValue("$of", create == 1 ? DBNull.Value : study.Name);
        insert.Parameters.AddWithValue("$number", create == 1 ? DBNull.Value : create);
        if (insert.ExecuteNonQuery() == 0)
        {
            Rollback();
            throw StudyVersions.NameTaken(study.Name, create, ReadStudies("WHERE name = $name", storageName).FirstOrDefault());
        }

        Commit();
        return ReadVersions(study.Name).Single(v => v.Version == create);
    }

    private List<StoredStudy> GetStudies() =>
        [.. ReadStudies(string.Empty, null).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Version)];

    /// <summary>The versions of the study <paramref name="name"/>, by number.</summary>
    private List<StoredStudy> ReadVersions(string name) =>
        [.. ReadStudies("WHERE (name = $name AND version_of IS NULL) OR version_of = $name", name).OrderBy(s => s.Version)];

    private List<StoredStudy> ReadStudies(string where, string? name)
    {
        var select = Sql($"SELECT {StudyColumns} FROM studies {where}");
        if (name is not null)
        {
            select.Parameters.AddWithValue("$name", name);
        }

        var studies = new List<StoredStudy>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var storageName = reader.GetString(1);
            var identity = new StudyIdentity(storageName, reader.GetString(2), StoredText.ParseDirection(reader.GetString(3)))
            {
                Space = reader.IsDBNull(4) ? null : reader.GetString(4),
            };
            var study = new StoredStudy(reader.IsDBNull(5) ? storageName : reader.GetString(5), reader.GetInt32(6), storageName, identity);
            _studyIds[storageName] = reader.GetInt64(0); // its trial operations find it without another lookup
            studies.Add(study);
        }

        return studies;
    }
}
