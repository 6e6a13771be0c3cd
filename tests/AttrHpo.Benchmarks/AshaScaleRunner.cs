using System.Globalization;
using AttrHpo.Simulation;

namespace AttrHpo.Benchmarks;

/// <summary>ASHA at scale, simulated: time to a good configuration and speed-up by worker count; the scheduler's cost per decision.</summary>
internal static class AshaScaleRunner
{
    private static readonly int[] WorkerCounts = [1, 4, 16, 64, 256, 1024];

    public static void Run(int seeds, double target)
    {
        const long MinBudget = 1;
        const long MaxBudget = 81;
        Console.WriteLine($"ASHA (eta 3, budgets {MinBudget}..{MaxBudget}), synthetic curves, target loss {target} at the full budget; median over {seeds} seeds.");
        Console.WriteLine("A job at budget b costs b time units; one full-budget run costs 81 (121 for 1+3+9+27+81 without checkpoints).");
        foreach (var checkpoints in new[] { true, false })
        {
            Console.WriteLine();
            Console.WriteLine(checkpoints ? "With checkpoints (a promotion trains only the extra budget):" : "Without checkpoints (a promotion trains from scratch):");
            Console.WriteLine("| workers | time to target | speed-up vs 1 | efficiency | busy | configurations |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
            double? single = null;
            foreach (var workers in WorkerCounts)
            {
                var results = Enumerable.Range(0, seeds)
                    .Select(seed => AshaSimulation.Run(workers, new SyntheticCurves((ulong)seed), MinBudget, MaxBudget, 3, target, checkpoints, maxTime: 1e7))
                    .ToList();
                var time = Median(results.Select(r => r.TimeToTarget));
                single ??= time;
                var speedUp = single.Value / time;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {workers} | {time:0.#} | {speedUp:0.0} | {speedUp / workers:P0} | {Median(results.Select(r => r.BusyFraction)):P0} | {Median(results.Select(r => (double)r.Configurations)):0} |"));
            }
        }
    }

    public static void Cost()
    {
        Console.WriteLine("ASHA scheduler cost per decision (report one finished job, then ask for the next), eta 3, budgets 1..81:");
        Console.WriteLine("| jobs in flight | decisions | mean per decision |");
        Console.WriteLine("| ---: | ---: | ---: |");
        foreach (var inFlight in new[] { 100, 1_000, 10_000, 100_000 })
        {
            const int Decisions = 200_000;
            var cost = SchedulerCost.PerDecision(inFlight, Decisions);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {inFlight:N0} | {Decisions:N0} | {cost / 1000:0.00} µs |"));
        }

        Console.WriteLine();
        Console.WriteLine("Successive-halving stop-or-continue rule, cost per report (trials report steps in turn; pruned ones replaced):");
        Console.WriteLine("| trials in flight | reports | mean per report |");
        Console.WriteLine("| ---: | ---: | ---: |");
        foreach (var inFlight in new[] { 100, 1_000, 10_000, 100_000 })
        {
            const int Reports = 1_000_000;
            var cost = SchedulerCost.PerReport(inFlight, Reports);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {inFlight:N0} | {Reports:N0} | {cost / 1000:0.000} µs |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
