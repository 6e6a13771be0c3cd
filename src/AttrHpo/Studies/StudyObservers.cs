namespace AttrHpo;

/// <summary>Combines the observer of a study's options with the observer of one optimisation call.</summary>
internal static class StudyObservers
{
    /// <summary>Both observers, <paramref name="first"/> told first; either alone when the other is <see langword="null"/>.</summary>
    public static IStudyObserver? Combine(IStudyObserver? first, IStudyObserver? second) =>
        first is null ? second
        : second is null ? first
        : new Pair(first, second);

    private sealed class Pair(IStudyObserver first, IStudyObserver second) : IStudyObserver, IWaitObserver, IReportObserver
    {
        public void TrialReported(int number, IntermediateValue report)
        {
            (first as IReportObserver)?.TrialReported(number, report);
            (second as IReportObserver)?.TrialReported(number, report);
        }

        public void WaitingFor(IReadOnlyList<LeasedElsewhere> others)
        {
            (first as IWaitObserver)?.WaitingFor(others);
            (second as IWaitObserver)?.WaitingFor(others);
        }

        public void TrialStarted(TrialRecord trial)
        {
            first.TrialStarted(trial);
            second.TrialStarted(trial);
        }

        public void TrialFinished(TrialRecord trial)
        {
            first.TrialFinished(trial);
            second.TrialFinished(trial);
        }
    }
}
