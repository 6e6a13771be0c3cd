namespace AttrHpo;

/// <summary>Refuses to open a stored study as a study of another objective, direction or search space.</summary>
internal static class StudyMismatch
{
    /// <summary>Checks a study opened by its storage name alone (<see cref="IStudyStorage.OpenStudyAsync"/>).</summary>
    public static void Check(StudyIdentity stored, StudyIdentity requested)
    {
        if (stored.Space is { } was && requested.Space is { } now && was != now)
        {
            throw SpaceChanged(requested.Name, version: null, was, now, explicitVersion: false);
        }

        CheckObjective(stored, requested.Name, requested);
    }

    /// <summary>Refuses another objective or direction than the stored one.</summary>
    public static void CheckObjective(StudyIdentity stored, string name, StudyIdentity requested)
    {
        if (stored.ObjectiveId != requested.ObjectiveId || stored.Direction != requested.Direction)
        {
            throw new StudyStorageException(
                $"The study '{name}' already exists for the objective {stored.ObjectiveId} ({stored.Direction}), " +
                $"not {requested.ObjectiveId} ({requested.Direction}). Give this study another name (StudyOptions.Name), or use another storage file.");
        }
    }

    /// <summary>Whether two recorded spaces differ (an unrecorded space, of an older file, differs from none).</summary>
    public static bool Differ(string? stored, string? requested) => stored is not null && requested is not null && stored != requested;

    /// <summary>
    /// The refusal of a changed space: every difference, that nothing was changed, and the way on. <paramref name="explicitVersion"/>
    /// when the caller asked for this version (<see cref="StudyOptions.Version"/>), which only opens with its own space.
    /// </summary>
    public static StudyStorageException SpaceChanged(string name, int? version, string was, string now, bool explicitVersion)
    {
        var which = version is { } number ? $"The study '{name}' (version {number})" : $"The study '{name}'";
        var start = $"{which} was recorded with another search space, and its stored trials would be read with the new one: " +
            $"{string.Join("; ", SpaceDefinition.Differences(was, now))}. Nothing was changed. ";
        if (explicitVersion)
        {
            return new StudyStorageException(
                start + $"A version opens only with the space it was recorded with: create the study from the objective as it was then " +
                "to read or continue it, or leave StudyOptions.Version unset to open the latest version.");
        }

        var next = version is { } current ? $"version {current + 1}" : "a new version";
        return new StudyStorageException(
            start + $"To start {next} of '{name}' with the new space beside the old one (which stays readable with its own space), set " +
            "StudyOptions.OnSpaceChange = SpaceChange.NewVersion; with StudyOptions.WarmStart (the default) its sampler learns from " +
            "the old trials whose values lie in the new space. Or put the parameters back as they were to continue the study.");
    }
}
