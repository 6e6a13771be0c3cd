namespace AttrHpo;

/// <summary>How a finished optimisation call ended, for <see cref="StudyConsole"/>'s summaries.</summary>
internal static class RunOutcome
{
    /// <summary>The status and, for a call that threw, the exception of a completed <paramref name="run"/>.</summary>
    public static (ProgressStatus Status, Exception? Failure) Of(Task run)
    {
        if (run.IsCanceled)
        {
            return (ProgressStatus.Cancelled, null);
        }

        if (run.Exception is { } fault)
        {
            var failure = fault.InnerExceptions.Count == 1 ? fault.InnerException! : fault;
            return failure is OperationCanceledException ? (ProgressStatus.Cancelled, null) : (ProgressStatus.Failed, failure);
        }

        return (ProgressStatus.Finished, null);
    }
}
