namespace AttrHpo;

/// <summary><c>study.Plots()</c>: plots of a study's trials (package <c>AttrHpo.Plots</c>).</summary>
public static class StudyPlotsExtensions
{
    extension<TParameters>(Study<TParameters> study)
        where TParameters : notnull
    {
        /// <summary>
        /// Plots of this study, as PNG or SVG files: <c>await study.Plots().HistoryAsync("history.svg")</c>. Each plot reads
        /// the study's trials from its storage afresh, so a study that another process is running can be plotted as it goes.
        /// </summary>
        /// <param name="options">Size and the importance forest's seed; defaults when <see langword="null"/>.</param>
        public StudyPlots Plots(PlotOptions? options = null) =>
            new(
                async cancellationToken => [.. (await study.GetTrialsAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Record)],
                study.Objective.Space,
                study.Objective.Direction,
                study.Name,
                options);
    }
}
