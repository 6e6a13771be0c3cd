using System.Globalization;

namespace AttrHpo;

/// <summary>
/// A real-valued range <c>[Low, High]</c>, bounds inclusive, optionally log-scaled and/or restricted to a step grid.
/// </summary>
/// <remarks>
/// Continuous: linear (or, with <see cref="Log"/>, log-linear) interpolation between the bounds.
/// With a <see cref="Step"/>: the allowed values are <c>Low + k * Step</c> for k = 0 .. <see cref="Cardinality"/> - 1.
/// Without log scale every allowed value is equally likely; with log scale a value is drawn log-uniformly
/// in [Low, High] and snapped to the nearest allowed value. Grid values are computed in decimal arithmetic
/// where the bounds allow it, so <c>0.1 + 3 * 0.1</c> decodes to <c>0.4</c>, not <c>0.40000000000000002</c>.
/// </remarks>
public sealed class RealDimension : Dimension
{
    private readonly StepGrid? _grid;

    /// <summary>Creates a real-valued dimension.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The smallest value (inclusive).</param>
    /// <param name="high">The largest value (inclusive); greater than <paramref name="low"/>.</param>
    /// <param name="log">Sample uniformly in log space; requires <paramref name="low"/> &gt; 0.</param>
    /// <param name="step">The grid step, or 0 for a continuous range.</param>
    /// <exception cref="ArgumentException">The bounds, scale or step are invalid; the message names the value and the fix.</exception>
    public RealDimension(string name, double low, double high, bool log = false, double step = 0)
        : base(name)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': the range [{Format(low)}, {Format(high)}] is invalid; low must be finite and smaller than high.",
                nameof(high));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': a log-scaled range needs a positive low bound, but low is {Format(low)}; raise it above 0 or drop Log.",
                nameof(low));
        }

        if (step < 0 || !double.IsFinite(step))
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': the step {Format(step)} is invalid; use a positive step, or 0 for a continuous range.",
                nameof(step));
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
        _grid = step > 0 ? new StepGrid(name, low, high, step) : null;
    }

    /// <summary>The smallest value (inclusive).</summary>
    public double Low { get; }

    /// <summary>The largest value (inclusive).</summary>
    public double High { get; }

    /// <summary>Whether values are uniform in log space.</summary>
    public bool Log { get; }

    /// <summary>The grid step, or 0 when continuous.</summary>
    public double Step { get; }

    /// <inheritdoc />
    public override long? Cardinality => _grid?.Count;

    /// <summary>Decodes a unit-cube coordinate into a value in [<see cref="Low"/>, <see cref="High"/>] (and on the step grid, if any).</summary>
    /// <param name="u">The coordinate; values outside [0, 1] are clamped.</param>
    public double Decode(double u)
    {
        u = ClampUnit(u);
        if (_grid is { } grid)
        {
            return grid.ValueAt(Log ? grid.NearestIndex(Interpolate(u)) : CellIndex(u, grid.Count));
        }

        return Interpolate(u);
    }

    /// <summary>Encodes a value back into the unit cube; <c>Decode(Encode(v))</c> returns <c>v</c> for every allowed value.</summary>
    /// <param name="value">A value of this dimension; values outside the range are clamped.</param>
    public double Encode(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"Hyperparameter '{Name}': cannot encode NaN.", nameof(value));
        }

        value = Math.Clamp(value, Low, High);
        if (_grid is { } grid && !Log)
        {
            return CellCentre(grid.NearestIndex(value), grid.Count);
        }

        return Log
            ? (Math.Log(value) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low))
            : ((value / 2) - (Low / 2)) / ((High / 2) - (Low / 2));
    }

    /// <summary>Whether <paramref name="value"/> is an allowed value: inside the range and, with a step, on the grid.</summary>
    /// <param name="value">A value.</param>
    public bool Contains(double value) =>
        value >= Low && value <= High && (_grid is not { } grid || grid.ValueAt(grid.NearestIndex(value)) == value);

    /// <summary>Whether <paramref name="value"/> is the <see cref="float"/> form of an allowed value (for <c>float</c> parameters).</summary>
    /// <param name="value">A value.</param>
    public bool ContainsSingle(float value) =>
        value >= (float)Low && value <= (float)High && (_grid is not { } grid || (float)grid.ValueAt(grid.NearestIndex(value)) == value);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = $"{Name}: [{Format(Low)}, {Format(High)}]";
        if (Step > 0)
        {
            text += $" step {Format(Step)}";
        }

        return Log ? text + " log" : text;
    }

    private double Interpolate(double u)
    {
        if (u <= 0 || u >= 1)
        {
            return u <= 0 ? Low : High;
        }

        var value = Log
            ? Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low))))
            : (Low * (1 - u)) + (High * u);
        return Math.Clamp(value, Low, High);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
