namespace AttrHpo.Plots.Tests;

/// <summary>Every kind of plot, drawn from real studies as PNG and SVG: valid files with the expected title and axis labels.</summary>
public sealed class PlotKindTests(StudiesFixture studies) : IClassFixture<StudiesFixture>, IDisposable
{
    private readonly PlotFiles _files = new();

    public static TheoryData<string, string> Kinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "history", "parallel", "slice", "contour", "importance", "intermediate", "rungs", "timeline" })
        {
            data.Add(kind, "png");
            data.Add(kind, "svg");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKindWritesAValidImageWithItsTitleAndAxes(string kind, string format)
    {
        var path = _files.PathOf($"{kind}.{format}");
        var (draw, study, expected) = Plot(kind);

        await draw(study.Plots(), path);

        if (format == "png")
        {
            PlotFiles.AssertPng(path);
        }
        else
        {
            var text = PlotFiles.AssertSvg(path);
            Assert.All(expected, e => Assert.Contains(e, text));
        }
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("png")]
    public async Task TheSameTrialsGiveTheSameImage(string format)
    {
        var first = _files.PathOf($"first.{format}");
        var second = _files.PathOf($"second.{format}");

        await studies.Pruned.Plots().ContourAsync(first, "learningRate", "layers");
        await studies.Pruned.Plots().ContourAsync(second, "learningRate", "layers");

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task LearningCurvesMarkThePrunedTrials()
    {
        var trials = await studies.Pruned.GetTrialsAsync();
        Assert.Contains(trials, t => t.State == TrialState.Pruned); // else the plot below shows nothing of pruning
        var path = _files.PathOf("curves.svg");

        await studies.Pruned.Plots().IntermediateValuesAsync(path);

        var text = PlotFiles.AssertSvg(path);
        Assert.Contains("pruned", text);
        Assert.Contains("complete", text);
    }

    [Fact]
    public async Task RungsShowEachBudgetOfTheSchedule()
    {
        var trials = await studies.Asha.GetTrialsAsync();
        Assert.Contains(trials, t => t.Record.PromotedFrom is not null);
        var path = _files.PathOf("rungs.svg");

        await studies.Asha.Plots().RungsAsync(path);

        var text = PlotFiles.AssertSvg(path);
        foreach (var budget in trials.Select(t => t.Record.Budget).Distinct())
        {
            Assert.Contains($"budget {budget}", text);
        }

        Assert.Contains("promoted", text);
    }

    public void Dispose() => _files.Dispose();

    private (Func<StudyPlots, string, Task> Draw, Study<Curves.TrainParameters> Study, string[] Expected) Plot(string kind) => kind switch
    {
        "history" => ((p, f) => p.HistoryAsync(f), studies.Pruned, ["Optimisation history: curves-pruned", "trial", "objective value", "best so far"]),
        "parallel" => ((p, f) => p.ParallelCoordinatesAsync(f), studies.Pruned, ["Parallel coordinates", "learningRate", "layers", "activation", "objective value"]),
        "slice" => ((p, f) => p.SliceAsync(f, "learningRate"), studies.Pruned, ["Slice: learningRate", "learningRate (log10)", "objective value"]),
        "contour" => ((p, f) => p.ContourAsync(f, "learningRate", "activation"), studies.Pruned, ["Contour: learningRate and activation", "relu", "tanh"]),
        "importance" => ((p, f) => p.ImportanceAsync(f), studies.Pruned, ["Parameter importance", "learningRate", "share of importance"]),
        "intermediate" => ((p, f) => p.IntermediateValuesAsync(f), studies.Pruned, ["Intermediate values", "step", "reported value"]),
        "rungs" => ((p, f) => p.RungsAsync(f), studies.Asha, ["Rung occupancy: curves-asha", "rung (budget)", "trials"]),
        "timeline" => ((p, f) => p.TimelineAsync(f), studies.Asha, ["Timeline: curves-asha", "seconds since the first trial started", "worker (device)"]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
