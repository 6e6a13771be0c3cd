namespace AttrHpo;

/// <summary>
/// Marks a parameter of an <see cref="ObjectiveAttribute"/> method as a hyperparameter to search.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>[Hyperparameter(low, high)]</c> on a <c>double</c>, <c>float</c>, <c>int</c> or <c>long</c>: a range, bounds inclusive.
/// Set <see cref="Log"/> to sample uniformly in log space, and <see cref="Step"/> to restrict values to
/// <c>low, low + step, low + 2 step, ...</c> up to <c>high</c>.</item>
/// <item><c>[Hyperparameter(a, b, c, ...)]</c>: a choice among the listed values (strings, numbers, enum members or bools).
/// Two integer arguments mean a range, not a choice of two: write three or more values, or use a range.</item>
/// <item><c>[Hyperparameter]</c> with no arguments on a <c>bool</c> or an enum: every value is a choice.</item>
/// </list>
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class HyperparameterAttribute : Attribute
{
    /// <summary>Every value of a <c>bool</c> or enum parameter is a choice.</summary>
    public HyperparameterAttribute()
    {
        Choices = [];
    }

    /// <summary>A real-valued range, bounds inclusive.</summary>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">The largest value.</param>
    public HyperparameterAttribute(double low, double high)
    {
        Low = low;
        High = high;
        Choices = [];
    }

    /// <summary>An integer range, bounds inclusive.</summary>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">The largest value.</param>
    public HyperparameterAttribute(long low, long high)
    {
        Low = low;
        High = high;
        Choices = [];
    }

    /// <summary>A choice among the given values.</summary>
    /// <param name="choices">The values to choose from, each convertible to the parameter's type.</param>
    public HyperparameterAttribute(params object[] choices) => Choices = choices;

    /// <summary>The lower bound of a range (inclusive), or <see langword="null"/> for a choice.</summary>
    public double? Low { get; }

    /// <summary>The upper bound of a range (inclusive), or <see langword="null"/> for a choice.</summary>
    public double? High { get; }

    /// <summary>The values of a choice; empty for a range.</summary>
    public IReadOnlyList<object> Choices { get; }

    /// <summary>Sample uniformly in log space; both bounds must then be positive.</summary>
    public bool Log { get; set; }

    /// <summary>The distance between allowed values of a range; 0 (the default) means continuous for reals and 1 for integers.</summary>
    public double Step { get; set; }
}
