using ScottPlot.Plottables;

namespace AttrHpo.Plots.Tests;

/// <summary>What the charts draw, read back from their plottables: the numbers behind the pictures.</summary>
public sealed class ChartDataTests(StudiesFixture studies) : IClassFixture<StudiesFixture>
{
    [Theory]
    [InlineData(Direction.Minimize, new[] { 5.0, 3, 4, 1, 2 }, new[] { 5.0, 3, 3, 1, 1 })]
    [InlineData(Direction.Maximize, new[] { 5.0, 3, 6, 1, 7 }, new[] { 5.0, 5, 6, 6, 7 })]
    public void TheHistorysBestSoFarFollowsTheDirection(Direction direction, double[] values, double[] best)
    {
        var trials = values.Select((v, i) => new TrialRecord { Number = i, State = TrialState.Complete, Point = [0.5], ParametersJson = "{}", Value = v }).ToList();
        var data = new PlotData(trials, new SearchSpace([new RealDimension("x", 0, 1)]), direction, "h");

        var line = HistoryChart.Build(data).GetPlottables().OfType<Scatter>().Single(s => s.LegendText.StartsWith("best so far", StringComparison.Ordinal));

        Assert.Equal(best, line.Data.GetScatterPoints().Select(p => p.Y));
    }

    [Fact]
    public async Task EachRungsStackAddsUpToTheTrialsAtItsBudget()
    {
        var trials = (await studies.Asha.GetTrialsAsync()).Select(t => t.Record).ToList();
        var data = new PlotData(trials, Curves.TrainStudy.Objective.Space, Direction.Minimize, "asha");
        var budgets = trials.Select(t => t.Budget!.Value).Distinct().Order().ToArray();

        var bars = TrialCharts.Rungs(data).GetPlottables().OfType<BarPlot>().Single().Bars;

        for (var rung = 0; rung < budgets.Length; rung++)
        {
            var stack = bars.Where(b => b.Position == rung).ToList();
            Assert.Equal(trials.Count(t => t.Budget == budgets[rung]), stack.Max(b => b.Value));
            Assert.Equal(0, stack.Min(b => b.ValueBase));
        }

        var promotedAtBottom = trials.Select(t => t.PromotedFrom).OfType<int>().Count(n => trials.Single(t => t.Number == n).Budget == budgets[0]);
        var green = bars.Single(b => b.Position == 0 && b.FillColor == ScottPlot.Colors.MediumSeaGreen);
        Assert.Equal(promotedAtBottom, green.Value - green.ValueBase);
    }

    [Fact]
    public async Task ParallelCoordinatesDrawALinePerCompleteTrialThroughItsPoint()
    {
        var trials = (await studies.Pruned.GetTrialsAsync()).Select(t => t.Record).ToList();
        var data = new PlotData(trials, Curves.TrainStudy.Objective.Space, Direction.Minimize, "pruned");

        var lines = ParameterCharts.ParallelCoordinates(data).GetPlottables().OfType<Scatter>().ToList();

        Assert.Equal(data.Complete.Count, lines.Count);
        var points = lines.Select(l => l.Data.GetScatterPoints().Take(3).Select(p => p.Y).ToArray()).ToList();
        Assert.All(data.Complete, t => Assert.Contains(points, p => p.SequenceEqual(t.Point)));
    }
}
