using ScottPlot;

namespace AttrHpo;

/// <summary>What every chart shares: a titled, labelled plot and colours by state.</summary>
internal static class Charts
{
    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    public static Color StateColor(TrialState state) => state switch
    {
        TrialState.Complete => Colors.SteelBlue,
        TrialState.Pruned => Colors.Orange,
        TrialState.Failed => Colors.Crimson,
        TrialState.Cancelled => Colors.Gray,
        TrialState.Running => Colors.MediumSeaGreen,
        _ => Colors.LightGray,
    };

    /// <summary>A colour for <paramref name="fraction"/> of the way from the best value (0) to the worst (1).</summary>
    public static Color Shade(double fraction) => new ScottPlot.Colormaps.Viridis().GetColor(Math.Clamp(fraction, 0, 1));

    /// <summary>0 for the best of <paramref name="values"/>, 1 for the worst, linear between.</summary>
    public static Func<double, double> Badness(IReadOnlyCollection<double> values, Direction direction)
    {
        double min = values.Min(), max = values.Max(), span = max - min;
        return span <= 0 ? _ => 0 : direction == Direction.Minimize ? v => (v - min) / span : v => (max - v) / span;
    }
}
