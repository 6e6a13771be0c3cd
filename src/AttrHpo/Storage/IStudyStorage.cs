namespace AttrHpo;

/// <summary>
/// Where a study keeps its trials. Storage is the source of truth: a trial's result is recorded here before
/// any sampler or scheduler sees it, so a crash never loses a finished result.
/// </summary>
public interface IStudyStorage
{
    /// <summary>Every trial of the study, ordered by number.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<TrialRecord>> GetTrialsAsync(CancellationToken cancellationToken);

    /// <summary>Records a new trial.</summary>
    /// <param name="trial">The trial; its number must not be taken yet.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InvalidOperationException">A trial with that number exists already.</exception>
    ValueTask AddTrialAsync(TrialRecord trial, CancellationToken cancellationToken);

    /// <summary>Replaces a trial's record, typically when it finishes.</summary>
    /// <param name="trial">The trial's new record; a trial with its number must exist.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InvalidOperationException">No trial has that number, or it has finished already (finished trials never change).</exception>
    ValueTask UpdateTrialAsync(TrialRecord trial, CancellationToken cancellationToken);
}
