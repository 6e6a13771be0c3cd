using System.Globalization;

namespace AttrHpo;

/// <summary>
/// How a parameter is drawn on an axis: its value (log10 of it for a log-scaled range, the label's index for a choice), the
/// axis's extent, which is linear in the unit-cube coordinate, and its label.
/// </summary>
internal sealed class ParameterAxis
{
    private readonly Dimension _dimension;

    public ParameterAxis(Dimension dimension)
    {
        _dimension = dimension;
        (Low, High, IsLog) = dimension switch
        {
            RealDimension r => r.Log ? (Math.Log10(r.Low), Math.Log10(r.High), true) : (r.Low, r.High, false),
            IntegerDimension n => n.Log ? (Math.Log10(n.Low), Math.Log10(n.High), true) : (n.Low, n.High, false),
            CategoricalDimension c => (-0.5, c.Labels.Count - 0.5, false),
            _ => (0.0, 1.0, false),
        };
        Label = IsLog ? $"{dimension.Name} (log10)" : dimension.Name;
    }

    public string Label { get; }

    public double Low { get; }

    public double High { get; }

    public bool IsLog { get; }

    /// <summary>The labels of a choice, for the axis's ticks; null for a range.</summary>
    public IReadOnlyList<string>? Labels => (_dimension as CategoricalDimension)?.Labels;

    /// <summary>Where a trial whose unit-cube coordinate is <paramref name="u"/> is drawn.</summary>
    public double Value(double u) => _dimension switch
    {
        RealDimension r => r.Log ? Math.Log10(r.Decode(u)) : r.Decode(u),
        IntegerDimension n => n.Log ? Math.Log10(n.Decode(u)) : n.Decode(u),
        CategoricalDimension c => c.Decode(u),
        _ => u,
    };

    /// <summary>The axis position of unit-cube coordinate <paramref name="u"/> on the linear extent (for grids).</summary>
    public double Linear(double u) => Low + (u * (High - Low));

    /// <summary>The parameter's value at unit-cube coordinate <paramref name="u"/> as text (for tick labels).</summary>
    public string Text(double u) => _dimension switch
    {
        RealDimension r => r.Decode(u).ToString("G3", CultureInfo.InvariantCulture),
        IntegerDimension n => n.Decode(u).ToString(CultureInfo.InvariantCulture),
        CategoricalDimension c => c.Labels[c.Decode(u)],
        _ => u.ToString("G3", CultureInfo.InvariantCulture),
    };

    /// <summary>Puts the choice's labels on a categorical axis.</summary>
    public void Apply(ScottPlot.IAxis axis)
    {
        if (Labels is { } labels)
        {
            axis.SetTicks([.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels]);
        }
    }
}
