namespace AttrHpo.Plots.Tests;

/// <summary>Plots asked of the wrong thing fail before writing anything, with a message that says what to do.</summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly SearchSpace Space = new([new RealDimension("x1", 0, 1), new RealDimension("x2", 0, 1), new RealDimension("x3", 0, 1)]);
    private readonly PlotFiles _files = new();

    [Fact]
    public async Task AnUnknownParameterIsNamedWithThoseThereAre()
    {
        var plots = Plots(ImportanceTests.UniformTrials(10, 1, p => p[0]));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => plots.SliceAsync(_files.PathOf("s.png"), "X1"));

        Assert.Equal("parameter", error.ParamName);
        Assert.Contains("no parameter 'X1'", error.Message);
        Assert.Contains("Did you mean 'x1'?", error.Message);
        Assert.Contains("Use one of: x1, x2, x3", error.Message);
        Assert.Empty(Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public async Task AContourOfOneParameterWithItselfIsRefused()
    {
        var plots = Plots(ImportanceTests.UniformTrials(10, 1, p => p[0]));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => plots.ContourAsync(_files.PathOf("c.svg"), "x2", "x2"));

        Assert.Contains("two different parameters", error.Message);
    }

    [Fact]
    public async Task AStudyWithNoCompleteTrialSaysToRunIt()
    {
        var failed = new TrialRecord { Number = 0, State = TrialState.Failed, Point = [0.5, 0.5, 0.5], ParametersJson = "{}", Error = "boom" };
        var plots = Plots([failed]);

        var history = await Assert.ThrowsAsync<InvalidOperationException>(() => plots.HistoryAsync(_files.PathOf("h.png")));
        var importance = await Assert.ThrowsAsync<InvalidOperationException>(() => plots.GetImportanceAsync());

        Assert.Contains("needs complete trials, and study 'bad' has none (1 trial: 1 failed)", history.Message);
        Assert.Contains("Run the study (OptimizeAsync)", history.Message);
        Assert.Contains("at least 4 complete trials", importance.Message);
    }

    [Fact]
    public async Task AnUnknownExtensionNamesTheTwoFormats()
    {
        var plots = Plots(ImportanceTests.UniformTrials(10, 1, p => p[0]));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => plots.HistoryAsync(_files.PathOf("history.jpg")));

        Assert.Contains("End the file name with .png or .svg", error.Message);
    }

    [Fact]
    public async Task RungsWithoutAPromotionScheduleSayHowToGetOne()
    {
        var plots = Plots(ImportanceTests.UniformTrials(10, 1, p => p[0]));

        var rungs = await Assert.ThrowsAsync<InvalidOperationException>(() => plots.RungsAsync(_files.PathOf("r.svg")));
        var curves = await Assert.ThrowsAsync<InvalidOperationException>(() => plots.IntermediateValuesAsync(_files.PathOf("i.svg")));

        Assert.Contains("StudyOptions.Promotion = Promotion.Asha()", rungs.Message);
        Assert.Contains("trial.Report(step, value)", curves.Message);
    }

    [Fact]
    public async Task ACancelledPlotWritesNothing()
    {
        var plots = Plots(ImportanceTests.UniformTrials(10, 1, p => p[0]));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => plots.HistoryAsync(_files.PathOf("h.png"), new CancellationToken(canceled: true)));

        Assert.Empty(Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public async Task TheTimelineHasALanePerWorkerAndDevice()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        List<TrialRecord> trials =
        [
            Ran(0, "host-a", "cuda:0", start, 10),
            Ran(1, "host-a", "cuda:1", start.AddSeconds(1), 12),
            Ran(2, "host-b", null, start.AddSeconds(2), 5),
            Ran(3, "host-b", null, start.AddSeconds(3), 5), // overlaps trial 2: a second slot on host-b
        ];
        var path = _files.PathOf("timeline.svg");

        await Plots(trials).TimelineAsync(path);

        var text = PlotFiles.AssertSvg(path);
        Assert.Contains("host-a (cuda:0)", text);
        Assert.Contains("host-a (cuda:1)", text);
        Assert.Contains("host-b #1", text);
        Assert.Contains("host-b #2", text);
    }

    public void Dispose() => _files.Dispose();

    private static StudyPlots Plots(IReadOnlyList<TrialRecord> trials) => new(trials, Space, Direction.Minimize, "bad");

    private static TrialRecord Ran(int number, string worker, string? device, DateTimeOffset started, double seconds) => new()
    {
        Number = number,
        State = TrialState.Complete,
        Point = [0.5, 0.5, 0.5],
        ParametersJson = "{}",
        Value = number,
        Worker = worker,
        Started = started,
        Finished = started.AddSeconds(seconds),
        Attributes = device is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["device"] = device },
    };
}
