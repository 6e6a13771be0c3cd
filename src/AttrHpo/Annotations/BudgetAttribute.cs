namespace AttrHpo;

/// <summary>
/// Marks an <c>int</c> or <c>long</c> parameter of an objective as its resource (epochs, iterations, samples),
/// which schedulers such as ASHA hand out between <paramref name="min"/> and <paramref name="max"/>.
/// Without such a scheduler every trial gets <paramref name="max"/>.
/// </summary>
/// <param name="min">The smallest budget a trial may be given (at least 1).</param>
/// <param name="max">The full budget.</param>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class BudgetAttribute(long min, long max) : Attribute
{
    /// <summary>The smallest budget a trial may be given.</summary>
    public long Min { get; } = min;

    /// <summary>The full budget.</summary>
    public long Max { get; } = max;
}
