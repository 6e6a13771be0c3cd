namespace AttrHpo;

/// <summary>The rules every storage's <see cref="IStudyAdministration"/> applies, to what it read in the operation's transaction.</summary>
internal static class StudyAdministration
{
    /// <summary>Refuses the operation while <paramref name="running"/> (running trials whose lease holds) is not empty, unless <paramref name="force"/>.</summary>
    public static void CheckIdle(string name, IEnumerable<int> running, bool force, string operation)
    {
        var live = running.Order().ToList();
        if (!force && live.Count > 0)
        {
            throw new StudyInUseException(name, live, operation);
        }
    }

    /// <summary>Whether <paramref name="trial"/> is running under a lease that holds at <paramref name="now"/>.</summary>
    public static bool Holds(TrialRecord trial, DateTimeOffset now) => trial.State == TrialState.Running && (trial.LeaseUntil is not { } until || until >= now);

    /// <summary>
    /// The names the versions of <paramref name="name"/> are kept under once renamed to <paramref name="newName"/>, by version
    /// number; refuses a new name any study of <paramref name="studies"/> (every study of the storage) has or is kept under.
    /// </summary>
    public static Dictionary<int, string> NewNames(string name, string newName, IReadOnlyList<StoredStudy> studies, IReadOnlyList<StoredStudy> versions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        var names = versions.ToDictionary(v => v.Version, v => StudyVersions.StorageName(newName, v.Version));
        var taken = studies.FirstOrDefault(s => s.Name == newName || names.ContainsValue(s.StorageName));
        if (taken is not null)
        {
            throw new StudyStorageException(
                taken.Name == newName
                    ? $"The study '{name}' is not renamed: the storage already has a study named '{newName}'. Nothing was changed. Choose another name, or delete that study first."
                    : $"The study '{name}' is not renamed: its version would be kept under '{taken.StorageName}', which version {taken.Version} of the study '{taken.Name}' has. " +
                        "Nothing was changed. Choose another name.");
        }

        return names;
    }
}
