namespace AttrHpo;

/// <summary>
/// Told when the trials of <see cref="Study{TParameters}.OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/>
/// start and finish, for displays and monitors that need to know what is running (<see cref="IProgress{T}"/> only hears of
/// finished trials). Give one in <see cref="StudyOptions.Observer"/>.
/// </summary>
/// <remarks>
/// Both methods are called synchronously on the worker that runs the trial, possibly on several threads at once: keep them
/// quick and thread-safe. An observer that throws stops the study as a faulting progress does: running trials are cancelled
/// and recorded, and the exception is rethrown by <c>OptimizeAsync</c>. Trials run through ask/tell are not observed.
/// </remarks>
public interface IStudyObserver
{
    /// <summary>A trial has its parameters and is about to run (before its objective is invoked).</summary>
    /// <param name="trial">The trial as recorded, in the <see cref="TrialState.Running"/> state, with its parameters and start time.</param>
    /// <remarks>
    /// When this throws, the objective is not invoked: the trial is recorded as <see cref="TrialState.Cancelled"/>, without a
    /// <see cref="TrialFinished"/> call, and the study stops.
    /// </remarks>
    void TrialStarted(TrialRecord trial);

    /// <summary>
    /// A trial has finished and its result is recorded (before <c>OptimizeAsync</c>'s progress hears of it). Not called for a
    /// trial whose result could not be recorded because its lease had run out and another worker had taken it.
    /// </summary>
    /// <param name="trial">The trial as recorded, in a final state.</param>
    void TrialFinished(TrialRecord trial);
}
