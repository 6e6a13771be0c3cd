namespace AttrHpo;

/// <summary>
/// What opening a stored study does when the objective's search space is not the one the study's latest version was recorded
/// with (a range, scale, step or choice edited, a parameter added or removed): <see cref="StudyOptions.OnSpaceChange"/>.
/// </summary>
public enum SpaceChange
{
    /// <summary>
    /// Refuse before any trial runs, with a <see cref="StudyStorageException"/> that names every difference (parameter, old,
    /// new) and this option. Nothing is written. The default.
    /// </summary>
    Refuse,

    /// <summary>
    /// Start the next version of the study (version 2 of a study recorded once, and so on) with the new space and trials of its
    /// own. The earlier versions are kept as they are, readable with their own spaces (<see cref="StudyOptions.Version"/>), and
    /// with <see cref="StudyOptions.WarmStart"/> their complete trials whose values lie in the new space inform the sampler.
    /// Opening the study again with the same new space continues that version; in several processes at once, only one version
    /// is made.
    /// </summary>
    NewVersion,
}
