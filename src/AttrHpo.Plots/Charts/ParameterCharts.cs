using ScottPlot;

namespace AttrHpo;

/// <summary>Charts of values against parameters: parallel coordinates, a slice per parameter, and a contour of two.</summary>
internal static class ParameterCharts
{
    public static Plot ParallelCoordinates(PlotData data)
    {
        var complete = data.RequireComplete("parallel coordinates");
        var axes = data.Space.Dimensions.Select(d => new ParameterAxis(d)).ToArray();
        var plot = Charts.New($"Parallel coordinates: {data.Title}", "parameter", "position in range (0 = low, 1 = high)");
        var values = complete.Select(t => t.Value!.Value).ToArray();
        var badness = Charts.Badness(values, data.Direction);
        double min = values.Min(), max = values.Max();
        var objectiveAxis = axes.Length;

        // Worst first, so that the best trials are drawn on top.
        foreach (var trial in complete.OrderByDescending(t => badness(t.Value!.Value)).ThenBy(t => t.Number))
        {
            var ys = trial.Point.Append(max > min ? (trial.Value!.Value - min) / (max - min) : 0.5).ToArray();
            var line = plot.Add.Scatter(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray(), ys);
            line.MarkerSize = 3;
            line.LineWidth = 1;
            line.Color = Charts.Shade(1 - badness(trial.Value!.Value)).WithAlpha(0.7);
        }

        for (var i = 0; i <= objectiveAxis; i++)
        {
            var rule = plot.Add.VerticalLine(i);
            rule.Color = Colors.Black.WithAlpha(0.5);
            rule.LineWidth = 1;
            var (low, high) = i < objectiveAxis ? (axes[i].Text(0), axes[i].Text(1)) : (Format(min), Format(max));
            plot.Add.Text(low, i, -0.04).LabelFontSize = 10;
            plot.Add.Text(high, i, 1.06).LabelFontSize = 10;
        }

        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, objectiveAxis + 1).Select(i => (double)i)],
            [.. data.Space.Dimensions.Select(d => d.Name), "objective value"]);
        plot.Axes.SetLimits(-0.3, objectiveAxis + 0.5, -0.12, 1.14);
        return plot;
    }

    public static Plot Slice(PlotData data, string parameter)
    {
        var (dimension, index) = data.Parameter(parameter, nameof(parameter));
        var complete = data.RequireComplete("slice");
        var axis = new ParameterAxis(dimension);
        var plot = Charts.New($"Slice: {dimension.Name} ({data.Title})", axis.Label, "objective value");
        var last = Math.Max(1, complete[^1].Number);
        foreach (var trial in complete)
        {
            var marker = plot.Add.Marker(axis.Value(trial.Point[index]), trial.Value!.Value, MarkerShape.FilledCircle, 7);
            marker.Color = Charts.Shade((double)trial.Number / last);
        }

        axis.Apply(plot.Axes.Bottom);
        var margin = (axis.High - axis.Low) * 0.03;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(axis.Low - margin, axis.High + margin); // the whole range, to show where nothing was tried
        plot.Add.Annotation("colour: trial number (dark = early)", Alignment.UpperRight);
        return plot;
    }

    public static Plot Contour(PlotData data, string parameterX, string parameterY, int trees, int seed)
    {
        var (dimensionX, x) = data.Parameter(parameterX, nameof(parameterX));
        var (dimensionY, y) = data.Parameter(parameterY, nameof(parameterY));
        if (x == y)
        {
            throw new ArgumentException($"A contour needs two different parameters, and both are '{dimensionX.Name}'. Name another parameter of study '{data.Title}'.", nameof(parameterY));
        }

        var complete = data.RequireComplete("contour");
        if (complete.Count < ImportanceEstimator.MinTrials)
        {
            throw new InvalidOperationException(
                $"The contour plot fits a surface to at least {ImportanceEstimator.MinTrials} complete trials, and study '{data.Title}' has {complete.Count}. Run more trials first.");
        }

        // The surface: a seeded random forest fitted to the two coordinates alone, predicted on a grid of the unit square.
        var forest = RandomForest.Fit(
            [.. complete.Select(t => new[] { t.Point[x], t.Point[y] })], [.. complete.Select(t => t.Value!.Value)], trees, seed);
        const int Cells = 40;
        var surface = new double[Cells, Cells];
        for (var row = 0; row < Cells; row++)
        {
            for (var column = 0; column < Cells; column++)
            {
                // Row 0 is drawn at the top: the largest y.
                surface[row, column] = forest.Predict([(column + 0.5) / Cells, 1 - ((row + 0.5) / Cells)]);
            }
        }

        var axisX = new ParameterAxis(dimensionX);
        var axisY = new ParameterAxis(dimensionY);
        var plot = Charts.New($"Contour: {dimensionX.Name} and {dimensionY.Name} ({data.Title})", axisX.Label, axisY.Label);
        var heatmap = plot.Add.Heatmap(surface);
        heatmap.Extent = new CoordinateRect(axisX.Low, axisX.High, axisY.Low, axisY.High);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Label = "predicted objective value";
        var points = plot.Add.ScatterPoints(
            complete.Select(t => axisX.Value(t.Point[x])).ToArray(), complete.Select(t => axisY.Value(t.Point[y])).ToArray());
        points.Color = Colors.White;
        points.MarkerSize = 6;
        axisX.Apply(plot.Axes.Bottom);
        axisY.Apply(plot.Axes.Left);
        plot.Axes.SetLimits(axisX.Low, axisX.High, axisY.Low, axisY.High);
        return plot;
    }

    public static Plot Importance(PlotData data, IReadOnlyList<ParameterImportance> importances)
    {
        var plot = Charts.New($"Parameter importance: {data.Title}", "share of importance (permutation, random forest)", "parameter");
        var ordered = importances.Reverse().ToArray(); // the largest at the top
        var bars = plot.Add.Bars([.. ordered.Select(p => p.Importance)]);
        bars.Horizontal = true;
        for (var i = 0; i < ordered.Length; i++)
        {
            bars.Bars[i].Label = ordered[i].Importance.ToString("P0", System.Globalization.CultureInfo.InvariantCulture);
        }

        bars.ValueLabelStyle.FontSize = 11;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, ordered.Length).Select(i => (double)i)], [.. ordered.Select(p => p.Parameter)]);
        plot.Axes.SetLimitsX(0, 1.1);
        return plot;
    }

    private static string Format(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
