namespace AttrHpo;

/// <summary>Refuses to open a stored study as a study of another objective, direction or search space.</summary>
internal static class StudyMismatch
{
    public static void Check(StudyIdentity stored, StudyIdentity requested)
    {
        if (stored.Space is { } was && requested.Space is { } now && was != now)
        {
            throw new StudyStorageException(
                $"The study '{requested.Name}' was recorded with another search space, and its stored trials would be read with the new one: " +
                $"{string.Join("; ", SpaceDefinition.Differences(was, now))}. Nothing was changed. Give the changed study a new name " +
                $"(StudyOptions.Name, for example \"{requested.Name}-v2\") to start a new version beside the old one, which stays readable " +
                "with the old parameters; or put the parameters back as they were to continue it.");
        }

        if (stored.ObjectiveId != requested.ObjectiveId || stored.Direction != requested.Direction)
        {
            throw new StudyStorageException(
                $"The study '{requested.Name}' already exists for the objective {stored.ObjectiveId} ({stored.Direction}), " +
                $"not {requested.ObjectiveId} ({requested.Direction}). Give this study another name (StudyOptions.Name), or use another storage file.");
        }
    }
}
