namespace AttrHpo;

/// <summary>
/// Told each intermediate value a running trial of an optimisation call reports, as it is reported (on the objective's
/// thread, before it is written to storage): keep it quick and thread-safe. Observers of <c>StudyConsole</c>'s displays,
/// which show each running trial's last step and value.
/// </summary>
internal interface IReportObserver
{
    /// <summary>Trial <paramref name="number"/> reported <paramref name="report"/>.</summary>
    /// <param name="number">The trial's number.</param>
    /// <param name="report">The step and value it reported.</param>
    void TrialReported(int number, IntermediateValue report);
}
