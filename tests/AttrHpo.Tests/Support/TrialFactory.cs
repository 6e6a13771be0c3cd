using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Tests.Support;

/// <summary>Helpers for tests that run trials or build records by hand.</summary>
public static class TrialFactory
{
    public static TrialContext Context(int number = 0, string study = "study") => new(study, number, seed: 7, NullLogger.Instance);

    public static TrialRecord Record(int number, TrialState state = TrialState.Running, double? value = null) => new()
    {
        Number = number,
        State = state,
        Point = [0.5],
        ParametersJson = "{}",
        Value = value,
    };

    /// <summary>Raises <paramref name="target"/> to <paramref name="candidate"/> if larger, atomically.</summary>
    public static void RaiseTo(ref int target, int candidate)
    {
        var current = Volatile.Read(ref target);
        while (candidate > current)
        {
            var seen = Interlocked.CompareExchange(ref target, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
