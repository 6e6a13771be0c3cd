namespace AttrHpo;

/// <summary>Refuses to open a stored study as a study of another objective or direction.</summary>
internal static class StudyMismatch
{
    public static void Check(StudyIdentity stored, StudyIdentity requested)
    {
        if (stored.ObjectiveId != requested.ObjectiveId || stored.Direction != requested.Direction)
        {
            throw new StudyStorageException(
                $"The study '{requested.Name}' already exists for the objective {stored.ObjectiveId} ({stored.Direction}), " +
                $"not {requested.ObjectiveId} ({requested.Direction}). Give this study another name (StudyOptions.Name), or use another storage file.");
        }
    }
}
