using System.Globalization;

namespace AttrHpo;

/// <summary>
/// The values <c>low + k * step</c> that lie in [low, high]. Computed in decimal arithmetic when every
/// number fits it, so that grid values are the doubles nearest to what the user wrote; in double arithmetic otherwise.
/// </summary>
internal sealed class StepGrid
{
    private const double DecimalSafe = 1e15;
    private const double DecimalTiny = 1e-12;
    private readonly double _low;
    private readonly double _high;
    private readonly double _step;
    private readonly bool _useDecimal;

    public StepGrid(string name, double low, double high, double step)
    {
        _low = low;
        _high = high;
        _step = step;
        _useDecimal = FitsDecimal(low) && FitsDecimal(high) && FitsDecimal(step) && step >= DecimalTiny;
        double intervals = _useDecimal
            ? (double)decimal.Floor(((decimal)high - (decimal)low) / (decimal)step)
            : Math.Floor(((high - low) / step) + 1e-9);
        if (intervals >= long.MaxValue / 2)
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': the step {step.ToString("R", CultureInfo.InvariantCulture)} makes more than 2^62 grid values; use a larger step or a continuous range.",
                nameof(step));
        }

        Count = (long)intervals + 1;
    }

    /// <summary>How many grid values lie in [low, high].</summary>
    public long Count { get; }

    /// <summary>The k-th grid value, clamped into [low, high].</summary>
    public double ValueAt(long index)
    {
        index = Math.Clamp(index, 0, Count - 1);
        var value = _useDecimal
            ? (double)((decimal)_low + (index * (decimal)_step))
            : _low + (index * _step);
        return Math.Clamp(value, _low, _high);
    }

    /// <summary>The index of the grid value nearest to <paramref name="value"/>.</summary>
    public long NearestIndex(double value)
    {
        var index = Math.Round((value - _low) / _step, MidpointRounding.AwayFromZero);
        return (long)Math.Clamp(index, 0, Count - 1);
    }

    // (decimal)value keeps 15 significant digits: a double that needs more (1.0 / 3) would move, so it takes the double path.
    private static bool FitsDecimal(double value) =>
        value == 0 || (Math.Abs(value) < DecimalSafe && Math.Abs(value) >= DecimalTiny && (double)(decimal)value == value);
}
