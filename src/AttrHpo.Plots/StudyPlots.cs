namespace AttrHpo;

/// <summary>
/// Plots of a study's trials, written as PNG or SVG by the file's extension (<c>.png</c>, <c>.svg</c>). Get one from a study
/// with <c>study.Plots()</c>, which reads the trials afresh for each plot, or from stored trials with the constructor.
/// </summary>
public sealed class StudyPlots
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<TrialRecord>>> _load;
    private readonly string _title;

    /// <summary>Plots of trials already read (from any <see cref="IStudyStorage"/>, say).</summary>
    /// <param name="trials">The study's trials, in any order; those without parameters are drawn only where that makes sense (the timeline).</param>
    /// <param name="space">The study's search space (<c>ObjectiveDefinition.Space</c>), which names the trials' coordinates.</param>
    /// <param name="direction">Whether smaller or larger values are better.</param>
    /// <param name="title">The study's name, for the titles.</param>
    /// <param name="options">Size and seed; defaults when <see langword="null"/>.</param>
    public StudyPlots(IReadOnlyList<TrialRecord> trials, SearchSpace space, Direction direction, string title, PlotOptions? options = null)
        : this(Stored(trials), space, direction, title, options)
    {
    }

    internal StudyPlots(
        Func<CancellationToken, Task<IReadOnlyList<TrialRecord>>> load, SearchSpace space, Direction direction, string title, PlotOptions? options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _load = load;
        Space = space;
        Direction = direction;
        Options = options ?? new PlotOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Width, 16, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Height, 16, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Trees, 1, nameof(options));
        _title = Options.Title ?? title;
    }

    /// <summary>The search space whose parameters the plots name.</summary>
    public SearchSpace Space { get; }

    /// <summary>Whether smaller or larger values are better (the best-so-far line and the colours follow it).</summary>
    public Direction Direction { get; }

    /// <summary>Size, seed and title.</summary>
    public PlotOptions Options { get; }

    /// <summary>Each complete trial's value by trial number, with the best value so far as a step line.</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    /// <exception cref="InvalidOperationException">No trial is complete.</exception>
    public Task HistoryAsync(string path, CancellationToken cancellationToken = default) =>
        DrawAsync(path, HistoryChart.Build, cancellationToken);

    /// <summary>One line per complete trial through each parameter's position in its range, ending at the objective value; coloured from worst (dark) to best (bright).</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    public Task ParallelCoordinatesAsync(string path, CancellationToken cancellationToken = default) =>
        DrawAsync(path, ParameterCharts.ParallelCoordinates, cancellationToken);

    /// <summary>The objective value against one parameter (log10 axis for a log-scaled range, labels for a choice), coloured by trial number.</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="parameter">The parameter's name as in the search space (<see cref="Dimension.Name"/>).</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    /// <exception cref="ArgumentException">The space has no such parameter (the message lists those it has).</exception>
    public Task SliceAsync(string path, string parameter, CancellationToken cancellationToken = default) =>
        DrawAsync(path, data => ParameterCharts.Slice(data, parameter), cancellationToken);

    /// <summary>
    /// The objective over two parameters: a surface predicted by a seeded random forest fitted to those two coordinates of the
    /// complete trials, with the trials on top.
    /// </summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="parameterX">The parameter across.</param>
    /// <param name="parameterY">The parameter up; another than <paramref name="parameterX"/>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    public Task ContourAsync(string path, string parameterX, string parameterY, CancellationToken cancellationToken = default) =>
        DrawAsync(path, data => ParameterCharts.Contour(data, parameterX, parameterY, Options.Trees, Options.Seed), cancellationToken);

    /// <summary>Each parameter's share of importance (<see cref="GetImportanceAsync"/>) as bars, the largest at the top.</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    public Task ImportanceAsync(string path, CancellationToken cancellationToken = default) =>
        DrawAsync(path, data => ParameterCharts.Importance(data, ImportanceEstimator.Estimate(data, Options.Trees, Options.Seed)), cancellationToken);

    /// <summary>
    /// How much each parameter matters, largest first: Breiman's out-of-bag permutation importance on a random forest of
    /// <see cref="PlotOptions.Trees"/> regression trees, seeded with <see cref="PlotOptions.Seed"/>, fitted to the complete
    /// trials' unit-cube points (log-scaled ranges in log space) and values. Every complete trial counts, whatever its budget.
    /// </summary>
    /// <param name="cancellationToken">Cancels reading the trials.</param>
    /// <exception cref="InvalidOperationException">Fewer than four trials are complete.</exception>
    public async Task<IReadOnlyList<ParameterImportance>> GetImportanceAsync(CancellationToken cancellationToken = default)
    {
        var data = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return ImportanceEstimator.Estimate(data, Options.Trees, Options.Seed);
    }

    /// <summary>Every reporting trial's intermediate values by step (learning curves), coloured by state; a cross where a pruned trial stopped.</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    /// <exception cref="InvalidOperationException">No trial reported a value.</exception>
    public Task IntermediateValuesAsync(string path, CancellationToken cancellationToken = default) =>
        DrawAsync(path, TrialCharts.IntermediateValues, cancellationToken);

    /// <summary>How many trials ran at each budget of a promotion schedule (ASHA, Hyperband), stacked by what became of them: promoted, complete, pruned, failed, running.</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    /// <exception cref="InvalidOperationException">No trial has a budget (the study has no <see cref="StudyOptions.Promotion"/>).</exception>
    public Task RungsAsync(string path, CancellationToken cancellationToken = default) =>
        DrawAsync(path, TrialCharts.Rungs, cancellationToken);

    /// <summary>Which trial ran when, one lane per worker and device (the trial's <c>device</c> attribute), coloured by state.</summary>
    /// <param name="path">The file to write, ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    public Task TimelineAsync(string path, CancellationToken cancellationToken = default) =>
        DrawAsync(path, TrialCharts.Timeline, cancellationToken);

    /// <summary>
    /// One self-contained HTML file: the study's summary, its best trial, every plot that its trials allow (SVG inside the
    /// page; a line saying why for those they do not) and a table of the trials that sorts by a clicked column and filters by
    /// text and state. The page loads nothing from the network.
    /// </summary>
    /// <param name="path">The file to write, ending in <c>.html</c> or <c>.htm</c>.</param>
    /// <param name="cancellationToken">Cancels reading the trials and writing the file.</param>
    public async Task ReportAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.GetExtension(path) is not { } extension
            || !(extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A report is an HTML page, and '{path}' does not end in .html. Name the file report.html, say.", nameof(path));
        }

        var html = await GetReportHtmlAsync(cancellationToken).ConfigureAwait(false);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The page <see cref="ReportAsync"/> writes, as text.</summary>
    /// <param name="cancellationToken">Cancels reading the trials.</param>
    public Task<string> GetReportHtmlAsync(CancellationToken cancellationToken = default) => GetReportHtmlAsync(live: null, cancellationToken);

    /// <summary>The report's page with a script of the dashboard's that keeps it up to date.</summary>
    internal async Task<string> GetReportHtmlAsync(string? live, CancellationToken cancellationToken)
    {
        var data = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return ReportPage.Build(data, ReportSections.Draw(data, Options.Width, Options.Height, Options.Trees, Options.Seed), DateTimeOffset.UtcNow, live);
    }

    private static Func<CancellationToken, Task<IReadOnlyList<TrialRecord>>> Stored(IReadOnlyList<TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var copy = trials.ToArray();
        return _ => Task.FromResult<IReadOnlyList<TrialRecord>>(copy);
    }

    private async Task<PlotData> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var trials = await _load(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new PlotData(trials, Space, Direction, _title);
    }

    private async Task DrawAsync(string path, Func<PlotData, ScottPlot.Plot> chart, CancellationToken cancellationToken)
    {
        _ = PlotFile.IsSvg(path); // a wrong extension fails before the trials are read
        var data = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var plot = chart(data);
        await PlotFile.SaveAsync(plot, path, Options.Width, Options.Height, cancellationToken).ConfigureAwait(false);
    }
}
