namespace AttrHpo.Annotations.Rules;

/// <summary>Step grids <c>low + k * step</c>, computed in decimal where the numbers allow, as the runtime computes them.</summary>
internal static class Grid
{
    /// <summary>The diagnostic property that carries the reachable high bound to the code fix.</summary>
    public const string ReachableProperty = "Reachable";

    /// <summary>Ranges with this many grid values or more cannot be indexed by the runtime.</summary>
    public const double MaxValues = 4e18;

    /// <summary>The largest grid value that is not above <paramref name="high"/>, or <see langword="null"/> when it cannot be computed exactly.</summary>
    public static double? TopReachable(double low, double high, double step)
    {
        if (!FitsDecimal(low) || !FitsDecimal(high) || !FitsDecimal(step) || step < 1e-12)
        {
            return null;
        }

        var intervals = decimal.Floor(((decimal)high - (decimal)low) / (decimal)step);
        return (double)((decimal)low + (intervals * (decimal)step));
    }

    /// <summary>Whether <paramref name="value"/> is a grid value, by the same decimal arithmetic.</summary>
    public static bool IsOnGrid(double value, double low, double step)
    {
        if (!FitsDecimal(value) || !FitsDecimal(low) || !FitsDecimal(step) || step < 1e-12)
        {
            return true; // cannot be decided exactly: stay silent rather than warn wrongly
        }

        var index = ((decimal)value - (decimal)low) / (decimal)step;
        return index == decimal.Floor(index);
    }

    private static bool FitsDecimal(double value) => value == 0 || (Math.Abs(value) < 1e15 && Math.Abs(value) >= 1e-12);
}
