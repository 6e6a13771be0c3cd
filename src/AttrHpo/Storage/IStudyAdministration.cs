namespace AttrHpo;

/// <summary>
/// Deletes and renames whole studies of a storage, every version at once: what <c>attrhpo studies delete</c> and
/// <c>attrhpo studies rename</c> run. The in-memory, SQLite and PostgreSQL storages implement it; each operation is one atomic
/// step, so another process sees the study whole before it and gone (or renamed) after it.
/// </summary>
/// <remarks>
/// A study that a worker runs is refused, with <see cref="StudyInUseException"/>: one with a running trial whose lease has not
/// ended at <c>now</c>. A running trial whose lease ended belongs to a worker that died, and does not hold the study. With
/// <c>force</c>, a study is deleted or renamed even so: its workers then fail at their next write (their study is gone or has
/// another name), so stop them first when you can.
/// </remarks>
public interface IStudyAdministration
{
    /// <summary>Deletes every version of the study <paramref name="name"/>, with all their trials, reports and sampler locks.</summary>
    /// <param name="name">The study's name (<see cref="StoredStudy.Name"/>).</param>
    /// <param name="now">The current time, against which the running trials' leases are judged.</param>
    /// <param name="force">Deletes the study even while a worker holds a lease on one of its trials.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns><see langword="true"/> when the study was deleted; <see langword="false"/> when the storage has no study of that name.</returns>
    /// <exception cref="StudyInUseException">A trial of the study is running under a lease that has not ended, and <paramref name="force"/> is not set; nothing was changed.</exception>
    ValueTask<bool> DeleteStudyAsync(string name, DateTimeOffset now, bool force, CancellationToken cancellationToken);

    /// <summary>
    /// Renames every version of the study <paramref name="name"/> to <paramref name="newName"/>: version 1 is kept under
    /// <paramref name="newName"/>, version N under <c>"newName (version N)"</c>, with all their trials.
    /// </summary>
    /// <param name="name">The study's name (<see cref="StoredStudy.Name"/>).</param>
    /// <param name="newName">Its new name: one no study of the storage has or is kept under.</param>
    /// <param name="now">The current time, against which the running trials' leases are judged.</param>
    /// <param name="force">Renames the study even while a worker holds a lease on one of its trials.</param>
    /// <param name="cancellationToken">Cancels the operation before it writes.</param>
    /// <returns><see langword="true"/> when the study was renamed; <see langword="false"/> when the storage has no study named <paramref name="name"/>.</returns>
    /// <exception cref="StudyStorageException">A study is already named <paramref name="newName"/>, or a version would be kept under a name another study has; nothing was changed.</exception>
    /// <exception cref="StudyInUseException">A trial of the study is running under a lease that has not ended, and <paramref name="force"/> is not set; nothing was changed.</exception>
    ValueTask<bool> RenameStudyAsync(string name, string newName, DateTimeOffset now, bool force, CancellationToken cancellationToken);
}
