namespace AttrHpo;

/// <summary>
/// Decides, from the intermediate values trials report (<see cref="TrialContext.Report(long, double)"/>), whether a trial
/// should stop early. One instance serves one study; the study creates it from <see cref="StudyOptions.Pruning"/>.
/// </summary>
/// <remarks>
/// Implementations are thread-safe (trials report from several threads) and idempotent per trial: telling a trial's reports
/// again, as a study does when it resumes or hears of trials finished by other processes, changes nothing.
/// </remarks>
public interface IPruner : IReportJudge
{
    /// <summary>
    /// Takes in the reports of a trial, running or finished (in this process or another, in this run or an earlier one), as
    /// they were made, without judging the trial again: so a rule rebuilt from stored records holds what the live rule held, and
    /// decides the next trials as it would have. Reports already taken in (this process told them live) change nothing. The
    /// default tells each report to <see cref="Report"/>, which judges it again; the built-in rules override it.
    /// </summary>
    /// <param name="trial">The trial's number.</param>
    /// <param name="reports">Its reports so far, in the order made; a later call for a running trial brings more.</param>
    void Restore(int trial, IReadOnlyList<IntermediateValue> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var report in reports)
        {
            Report(trial, report.Step, report.Value);
        }
    }
}
