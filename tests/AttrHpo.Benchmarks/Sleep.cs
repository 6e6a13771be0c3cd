using AttrHpo;

namespace AttrHpo.Benchmarks;

/// <summary>An objective that only waits, standing in for a trial of fixed length (ATTRHPO_BENCH_SLEEP_MS, default 100 ms).</summary>
public static partial class Sleep
{
    private static readonly int Milliseconds = int.Parse(Environment.GetEnvironmentVariable("ATTRHPO_BENCH_SLEEP_MS") ?? "100", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One real hyperparameter; waits, then returns it.</summary>
    [Objective]
    public static async Task<double> WaitAsync([Hyperparameter(0.0, 1.0)] double a, CancellationToken cancellationToken)
    {
        await Task.Delay(Milliseconds, cancellationToken).ConfigureAwait(false);
        return a;
    }
}
