using System.Runtime.CompilerServices;

namespace AttrHpo;

/// <summary>The checks every successive-halving setting shares, with one message each.</summary>
internal static class HalvingArguments
{
    /// <summary>Refuses a reduction factor below 2.</summary>
    public static void ReductionFactor(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 2)
        {
            throw new ArgumentOutOfRangeException(name, value, "The reduction factor keeps one trial in that many at each rung: give 2 or more (3 is usual).");
        }
    }

    /// <summary>Refuses a smallest budget or step below 1.</summary>
    public static void MinResource(long value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "The smallest budget is the bottom rung's: give 1 or more.");
        }
    }

    /// <summary>Refuses a negative minimum early-stopping rate.</summary>
    public static void MinEarlyStoppingRate(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "The minimum early-stopping rate skips that many rungs at the bottom: give 0 or more.");
        }
    }
}
