namespace AttrHpo;

/// <summary>
/// An integer range <c>[Low, High]</c>, bounds inclusive, with values <c>Low + k * Step</c>, optionally log-scaled.
/// </summary>
/// <remarks>
/// Without log scale every allowed value is equally likely. With log scale a value is drawn log-uniformly
/// in [Low, High] and rounded to the nearest allowed value. Decoding never leaves the range, even for
/// ranges as wide as <see cref="long"/> itself.
/// </remarks>
public sealed class IntegerDimension : Dimension
{
    private readonly Int128 _count;

    /// <summary>Creates an integer dimension.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The smallest value (inclusive).</param>
    /// <param name="high">The largest value (inclusive); greater than <paramref name="low"/>.</param>
    /// <param name="log">Sample uniformly in log space; requires <paramref name="low"/> &gt; 0.</param>
    /// <param name="step">The distance between allowed values (at least 1).</param>
    /// <exception cref="ArgumentException">The bounds, scale or step are invalid; the message names the value and the fix.</exception>
    public IntegerDimension(string name, long low, long high, bool log = false, long step = 1)
        : base(name)
    {
        if (low >= high)
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': the range [{low}, {high}] is invalid; low must be smaller than high.", nameof(high));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': a log-scaled range needs a positive low bound, but low is {low}; raise it to 1 or more, or drop Log.",
                nameof(low));
        }

        if (step < 1)
        {
            throw new ArgumentException(
                $"Hyperparameter '{name}': the step {step} is invalid; an integer step must be at least 1.", nameof(step));
        }

        Low = low;
        High = high;
        Log = log;
        Step = step;
        _count = (((Int128)high - low) / step) + 1;
    }

    /// <summary>The smallest value (inclusive).</summary>
    public long Low { get; }

    /// <summary>The largest value (inclusive).</summary>
    public long High { get; }

    /// <summary>Whether values are uniform in log space.</summary>
    public bool Log { get; }

    /// <summary>The distance between allowed values.</summary>
    public long Step { get; }

    /// <inheritdoc />
    /// <remarks>Saturates at <see cref="long.MaxValue"/> for the few ranges wider than that.</remarks>
    public override long? Cardinality => _count > long.MaxValue ? long.MaxValue : (long)_count;

    /// <summary>Decodes a unit-cube coordinate into an allowed value.</summary>
    /// <param name="u">The coordinate; values outside [0, 1] are clamped.</param>
    public long Decode(double u)
    {
        u = ClampUnit(u);
        Int128 index;
        if (u <= 0 || u >= 1)
        {
            // Exactly: u * count and exp(log(High)) fall short of the top value in double arithmetic for wide ranges.
            index = u <= 0 ? 0 : _count - 1;
        }
        else if (Log)
        {
            var real = Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low))));
            index = (Int128)Math.Round((real - Low) / Step, MidpointRounding.AwayFromZero);
        }
        else
        {
            index = (Int128)Math.Floor(u * (double)_count);
        }

        index = Int128.Clamp(index, 0, _count - 1);
        return (long)Int128.Clamp(Low + (index * Step), Low, High);
    }

    /// <summary>Encodes a value back into the unit cube; <c>Decode(Encode(v))</c> returns <c>v</c> for every allowed value.</summary>
    /// <param name="value">A value of this dimension; values outside the range are clamped, values off the step are rounded to it.</param>
    public double Encode(long value)
    {
        value = Math.Clamp(value, Low, High);
        if (Log)
        {
            return (Math.Log(value) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low));
        }

        var index = ((Int128)value - Low + (Step / 2)) / Step;
        index = Int128.Clamp(index, 0, _count - 1);
        return ((double)index + 0.5) / (double)_count;
    }

    /// <summary>Whether <paramref name="value"/> is an allowed value: inside the range and on the step.</summary>
    /// <param name="value">A value.</param>
    public bool Contains(long value) => value >= Low && value <= High && ((Int128)value - Low) % Step == 0;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = $"{Name}: [{Low}, {High}]";
        if (Step != 1)
        {
            text += $" step {Step}";
        }

        return Log ? text + " log" : text;
    }
}
