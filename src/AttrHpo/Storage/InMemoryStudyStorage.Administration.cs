namespace AttrHpo;

/// <summary>Deleting and renaming whole studies, under the storage's lock.</summary>
public sealed partial class InMemoryStudyStorage : IStudyAdministration
{
    /// <inheritdoc />
    public ValueTask<bool> DeleteStudyAsync(string name, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var versions = _studies.Values.Where(s => s.Family == name).ToList();
            if (versions.Count == 0)
            {
                return ValueTask.FromResult(false);
            }

            StudyAdministration.CheckIdle(name, RunningUnderLease(versions, now), force, "deleted");
            foreach (var version in versions)
            {
                _studies.Remove(version.Identity.Name);
            }

            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RenameStudyAsync(string name, string newName, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var versions = _studies.Values.Where(s => s.Family == name).ToList();
            if (versions.Count == 0)
            {
                return ValueTask.FromResult(false);
            }

            var names = StudyAdministration.NewNames(name, newName, [.. _studies.Values.Select(Stored)], [.. versions.Select(Stored)]);
            StudyAdministration.CheckIdle(name, RunningUnderLease(versions, now), force, "renamed");
            foreach (var version in versions)
            {
                _studies.Remove(version.Identity.Name);
            }

            foreach (var version in versions)
            {
                version.Family = newName;
                version.Identity = version.Identity with { Name = names[version.Number] };
                _studies.Add(version.Identity.Name, version);
            }

            return ValueTask.FromResult(true);
        }
    }

    private static IEnumerable<int> RunningUnderLease(List<StudyState> versions, DateTimeOffset now) =>
        versions.SelectMany(v => v.RunningTrials).Where(t => StudyAdministration.Holds(t, now)).Select(t => t.Number);
}
