namespace AttrHpo;

/// <summary>The versions of a study (<see cref="SpaceChange.NewVersion"/>), each a study of its own, linked by the study's name.</summary>
public sealed partial class InMemoryStudyStorage
{
    /// <inheritdoc />
    public ValueTask<StoredStudy> OpenStudyVersionAsync(StudyIdentity study, int? version, SpaceChange onSpaceChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var (open, create) = StudyVersions.Decide(Versions(study.Name), study, version, onSpaceChange);
            if (open is not null)
            {
                var state = _studies[open.StorageName];
                if (state.Identity.Space is null && study.Space is not null)
                {
                    state.Identity = state.Identity with { Space = study.Space };
                }

                return ValueTask.FromResult(Stored(state));
            }

            var storageName = StudyVersions.StorageName(study.Name, create);
            if (_studies.TryGetValue(storageName, out var holder))
            {
                throw StudyVersions.NameTaken(study.Name, create, Stored(holder));
            }

            var created = new StudyState(study with { Name = storageName }) { Family = study.Name, Number = create };
            _studies.Add(storageName, created);
            return ValueTask.FromResult(Stored(created));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredStudy>> GetStudiesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<StoredStudy> studies = [.. _studies.Values.Select(Stored).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Version)];
            return ValueTask.FromResult(studies);
        }
    }

    /// <summary>The versions of the study <paramref name="name"/>, by number (caller holds the lock).</summary>
    private List<StoredStudy> Versions(string name) =>
        [.. _studies.Values.Where(s => s.Family == name).Select(Stored).OrderBy(s => s.Version)];

    private static StoredStudy Stored(StudyState state) => new(state.Family, state.Number, state.Identity.Name, state.Identity);
}
