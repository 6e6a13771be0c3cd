using System.Globalization;

namespace AttrHpo;

/// <summary>
/// How a storage keeps the versions of a study and which one an opening study gets: the rule both storages share, applied to
/// the versions read in one transaction (or under one lock), so that concurrent openings agree.
/// </summary>
internal static class StudyVersions
{
    /// <summary>The name version <paramref name="version"/> of study <paramref name="name"/> is kept under.</summary>
    public static string StorageName(string name, int version) =>
        version == 1 ? name : $"{name} (version {version.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>
    /// The version to open, or the number of the version to create (then <c>Open</c> is <see langword="null"/>), for a study
    /// object of <paramref name="requested"/> (named by the study's name) that asks for <paramref name="version"/> (the latest
    /// when <see langword="null"/>); refuses a mismatch with a message that names the difference and the way on.
    /// </summary>
    /// <param name="versions">The study's versions, by number.</param>
    /// <param name="requested">The opening study.</param>
    /// <param name="version">The version asked for, or <see langword="null"/>.</param>
    /// <param name="onSpaceChange">What a changed space does.</param>
    public static (StoredStudy? Open, int Create) Decide(IReadOnlyList<StoredStudy> versions, StudyIdentity requested, int? version, SpaceChange onSpaceChange)
    {
        var name = requested.Name;
        if (versions.Count == 0)
        {
            return version is null or 1
                ? (null, 1)
                : throw new StudyStorageException(
                    $"The study '{name}' has no version {version}: it has not been recorded yet. Leave StudyOptions.Version unset to create it.");
        }

        if (version is { } asked)
        {
            var target = versions.FirstOrDefault(v => v.Version == asked) ?? throw new StudyStorageException(
                $"The study '{name}' has no version {asked}; it has versions {string.Join(", ", versions.Select(v => v.Version))}. " +
                "Set StudyOptions.Version to one of them, or leave it unset to open the latest.");
            StudyMismatch.CheckObjective(target.Identity, name, requested);
            return StudyMismatch.Differ(target.Space, requested.Space)
                ? throw StudyMismatch.SpaceChanged(name, asked, target.Space!, requested.Space!, explicitVersion: true)
                : (target, 0);
        }

        var latest = versions[^1];
        StudyMismatch.CheckObjective(latest.Identity, name, requested);
        if (!StudyMismatch.Differ(latest.Space, requested.Space))
        {
            return (latest, 0);
        }

        return onSpaceChange == SpaceChange.NewVersion
            ? (null, latest.Version + 1)
            : throw StudyMismatch.SpaceChanged(name, latest.Version, latest.Space!, requested.Space!, explicitVersion: false);
    }

    /// <summary>The refusal when the storage name of a new version is taken by a study that is not one of its versions.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="version">The version that was to be created.</param>
    /// <param name="holder">The version of another study kept under that name, if that is what holds it.</param>
    public static StudyStorageException NameTaken(string name, int version, StoredStudy? holder) =>
        holder is { Version: > 1 } other
            ? new($"The study name '{name}' is the name version {other.Version} of the study '{other.Name}' is kept under. Nothing was changed. " +
                $"To open that version, set StudyOptions.Name = \"{other.Name}\" and StudyOptions.Version = {other.Version}; otherwise give this study another name.")
            : new($"Cannot create version {version} of the study '{name}': the name '{StorageName(name, version)}' it would be kept under is taken by " +
                "another study. Nothing was changed. Rename the study (StudyOptions.Name), or use another storage file.");
}
