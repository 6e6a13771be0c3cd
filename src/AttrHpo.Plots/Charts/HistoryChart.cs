using ScottPlot;

namespace AttrHpo;

/// <summary>The optimisation history: every complete trial's value by number, and the best value so far as a step line.</summary>
internal static class HistoryChart
{
    public static Plot Build(PlotData data)
    {
        var complete = data.RequireComplete("history");
        var plot = Charts.New($"Optimisation history: {data.Title}", "trial", "objective value");
        var xs = complete.Select(t => (double)t.Number).ToArray();
        var ys = complete.Select(t => t.Value!.Value).ToArray();
        var points = plot.Add.ScatterPoints(xs, ys);
        points.LegendText = "trial value";
        points.MarkerSize = 6;

        var best = new double[ys.Length];
        for (var i = 0; i < ys.Length; i++)
        {
            best[i] = i == 0 ? ys[0] : data.Direction == Direction.Minimize ? Math.Min(best[i - 1], ys[i]) : Math.Max(best[i - 1], ys[i]);
        }

        var line = plot.Add.Scatter(xs, best);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.Color = Colors.OrangeRed;
        line.LegendText = data.Direction == Direction.Minimize ? "best so far (minimum)" : "best so far (maximum)";
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
