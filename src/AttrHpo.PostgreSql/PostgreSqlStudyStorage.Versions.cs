namespace AttrHpo;

/// <summary>
/// The versions of a study (<see cref="SpaceChange.NewVersion"/>): a row of <c>studies</c> each, the first under the study's
/// name, later ones under <c>"name (version N)"</c> with <c>version_of</c> and <c>version_number</c> set. A new version is made
/// under an advisory lock, reading the versions again first, so processes that open a changed space at once make one.
/// </summary>
public sealed partial class PostgreSqlStudyStorage
{
    private const string StudyColumns = "id, name, objective_id, direction, space, version_of, COALESCE(version_number, 1)";

    /// <inheritdoc />
    public ValueTask<StoredStudy> OpenStudyVersionAsync(StudyIdentity study, int? version, SpaceChange onSpaceChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        return RunAsync(
            (Study: study, Version: version, OnSpaceChange: onSpaceChange),
            static (storage, s, a, ct) => storage.OpenStudyVersion(s, a.Study, a.Version, a.OnSpaceChange, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredStudy>> GetStudiesAsync(CancellationToken cancellationToken) =>
        RunAsync(
            0,
            static async (storage, s, _, ct) => s.NoSchema ? [] : (IReadOnlyList<StoredStudy>)await storage.GetStudies(s, ct).ConfigureAwait(false),
            cancellationToken,
            needsSchema: false);

    private async Task<StoredStudy> OpenStudyVersion(PostgreSqlSession s, StudyIdentity study, int? version, SpaceChange onSpaceChange, CancellationToken ct)
    {
        // Opening a version that exists with this space writes nothing: look first without the lock.
        var (open, _) = StudyVersions.Decide(await ReadVersions(s, study.Name, ct).ConfigureAwait(false), study, version, onSpaceChange);
        if (open is not null && (open.Space is not null || study.Space is null))
        {
            return open;
        }

        await using (var serialize = s.Sql("SELECT pg_advisory_xact_lock(@key)").With("key", PostgreSqlSchema.SetupLock))
        {
            await serialize.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var (again, create) = StudyVersions.Decide(await ReadVersions(s, study.Name, ct).ConfigureAwait(false), study, version, onSpaceChange);
        if (again is not null)
        {
            // A study stored without its space: it takes the space it is opened with from now on.
            await using var adopt = s.Sql("UPDATE studies SET space = @space WHERE name = @name AND space IS NULL").With("space", study.Space).With("name", again.StorageName);
            await adopt.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return again with { Identity = again.Identity with { Space = again.Space ?? study.Space } };
        }

        var storageName = StudyVersions.StorageName(study.Name, create);
        await using var insert = s.Sql(
            "INSERT INTO studies (name, objective_id, direction, created, version, space, version_of, version_number) " +
            "VALUES (@name, @objective, @direction, @created, 0, @space, @of, @number) ON CONFLICT (name) DO NOTHING")
            .With("name", storageName).With("objective", study.ObjectiveId).With("direction", StoredText.Direction(study.Direction))
            .With("created", PostgreSqlRows.Time(DateTimeOffset.UtcNow)).With("space", study.Space)
            .With("of", create == 1 ? null : study.Name).With("number", create == 1 ? null : (int?)create);
        if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
        {
            s.Discard = true;
            var holder = (await ReadStudies(s, "WHERE name = @name", storageName, ct).ConfigureAwait(false)).FirstOrDefault();
            throw StudyVersions.NameTaken(study.Name, create, holder);
        }

        return (await ReadVersions(s, study.Name, ct).ConfigureAwait(false)).Single(v => v.Version == create);
    }

    private async Task<List<StoredStudy>> GetStudies(PostgreSqlSession s, CancellationToken ct) =>
        [.. (await ReadStudies(s, string.Empty, null, ct).ConfigureAwait(false)).OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Version)];

    /// <summary>The versions of the study <paramref name="name"/>, by number.</summary>
    private async Task<List<StoredStudy>> ReadVersions(PostgreSqlSession s, string name, CancellationToken ct) =>
        [.. (await ReadStudies(s, "WHERE (name = @name AND version_of IS NULL) OR version_of = @name", name, ct).ConfigureAwait(false)).OrderBy(v => v.Version)];

    /// <summary>Reads studies; <paramref name="where"/> is one of this class's constant clauses, its value always a parameter.</summary>
    private async Task<List<StoredStudy>> ReadStudies(PostgreSqlSession s, string where, string? name, CancellationToken ct)
    {
        await using var select = s.Sql($"SELECT {StudyColumns} FROM studies {where}");
        if (name is not null)
        {
            select.With("name", name);
        }

        var studies = new List<StoredStudy>();
        await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var storageName = reader.GetString(1);
            var identity = new StudyIdentity(storageName, reader.GetString(2), StoredText.ParseDirection(reader.GetString(3)))
            {
                Space = reader.IsDBNull(4) ? null : reader.GetString(4),
            };
            studies.Add(new StoredStudy(reader.IsDBNull(5) ? storageName : reader.GetString(5), reader.GetInt32(6), storageName, identity));
            _studyIds[storageName] = reader.GetInt64(0); // its trial operations find it without another lookup
        }

        return studies;
    }
}
