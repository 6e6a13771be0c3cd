using ScottPlot;

namespace AttrHpo;

/// <summary>The plots a report shows, each drawn when the study's trials allow it, or a line saying why not.</summary>
internal static class ReportSections
{
    /// <summary>How many slice plots a report draws at most: the most important parameters first when importance is known.</summary>
    public const int MaxSlices = 8;

    /// <summary>A plot of the report: its title and SVG, or the reason it was not drawn.</summary>
    public sealed record Section(string Id, string Title, string? Svg, string? NotDrawn);

    /// <summary>The report's plots, each <paramref name="width"/> by <paramref name="height"/>, importance and contours from a forest of <paramref name="trees"/> seeded with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<Section> Draw(PlotData data, int width, int height, int trees, int seed)
    {
        var sections = new List<Section>
        {
            Try("history", "Optimisation history", () => HistoryChart.Build(data), width, height),
            Try("parallel", "Parallel coordinates", () => ParameterCharts.ParallelCoordinates(data), width, height),
        };
        IReadOnlyList<ParameterImportance>? importance = null;
        try
        {
            importance = data.Space.Count > 1 ? ImportanceEstimator.Estimate(data, trees, seed) : null;
        }
        catch (InvalidOperationException exception)
        {
            sections.Add(new("importance", "Parameter importance", null, exception.Message));
        }

        if (importance is not null)
        {
            sections.Add(Try("importance", "Parameter importance", () => ParameterCharts.Importance(data, importance), width, height));
        }

        var order = importance?.Select(i => i.Parameter).ToList() ?? [.. data.Space.Dimensions.Select(d => d.Name)];
        if (order.Count >= 2 && data.Complete.Count >= 4)
        {
            sections.Add(Try("contour", $"Contour: {order[0]} and {order[1]}", () => ParameterCharts.Contour(data, order[0], order[1], trees, seed), width, height));
        }

        sections.AddRange(order.Take(MaxSlices).Select((name, i) => Try($"slice-{i}", $"Slice: {name}", () => ParameterCharts.Slice(data, name), width, height)));
        if (data.Trials.Any(t => t.Reports.Count > 0))
        {
            sections.Add(Try("intermediate", "Intermediate values", () => TrialCharts.IntermediateValues(data), width, height));
        }

        if (data.Trials.Any(t => t.Budget is not null))
        {
            sections.Add(Try("rungs", "Rung occupancy", () => TrialCharts.Rungs(data), width, height));
        }

        sections.Add(Try("timeline", "Timeline", () => TrialCharts.Timeline(data), width, height));
        return sections;
    }

    private static Section Try(string id, string title, Func<Plot> chart, int width, int height)
    {
        try
        {
            var svg = PlotFile.StableIds(chart().GetSvgXml(width, height));
            return new(id, title, svg, null);
        }
        catch (InvalidOperationException exception)
        {
            return new(id, title, null, exception.Message);
        }
    }
}
