namespace AttrHpo.Simulation;

/// <summary>What one simulated run measured.</summary>
/// <param name="Workers">Simulated workers.</param>
/// <param name="TimeToTarget">Virtual time until a configuration trained with the full budget first reached the target loss; infinity when it never did.</param>
/// <param name="Jobs">Jobs run until then.</param>
/// <param name="Configurations">Configurations started until then.</param>
/// <param name="BusyFraction">The fraction of worker time spent on jobs until then (1 when no worker ever idles).</param>
public sealed record SimulationResult(int Workers, double TimeToTarget, long Jobs, int Configurations, double BusyFraction);

/// <summary>
/// Runs the real <see cref="AshaScheduler"/> with <c>W</c> simulated workers on a virtual clock: a job at budget <c>b</c> takes
/// <c>b</c> time units (or <c>b - b_previous</c> when promotions resume from a checkpoint), and the synthetic objective's loss
/// improves with budget. No sleeping; deterministic for a seed.
/// </summary>
public static class AshaSimulation
{
    /// <summary>Simulates until a full-budget result reaches <paramref name="target"/>, or <paramref name="maxTime"/> passes.</summary>
    /// <param name="workers">How many workers run jobs at once.</param>
    /// <param name="curves">The objective.</param>
    /// <param name="minBudget">The bottom rung's budget.</param>
    /// <param name="maxBudget">The full budget.</param>
    /// <param name="reductionFactor">ASHA's eta.</param>
    /// <param name="target">The loss a full-budget result must reach.</param>
    /// <param name="checkpoints">Whether a promoted job resumes from its previous budget instead of starting over.</param>
    /// <param name="maxTime">When to give up (virtual time).</param>
    public static SimulationResult Run(
        int workers, SyntheticCurves curves, long minBudget, long maxBudget, int reductionFactor, double target, bool checkpoints, double maxTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentNullException.ThrowIfNull(curves);
        var asha = new AshaScheduler(minBudget, maxBudget, reductionFactor);
        var top = asha.RungBudgets.Count - 1;
        var events = new PriorityQueue<(AshaJob Job, double Start), (double End, long Sequence)>();
        long sequence = 0;
        long jobs = 0;
        double busy = 0;

        void Dispatch(double now)
        {
            var job = asha.Next();
            var previous = job.IsPromotion && checkpoints ? asha.RungBudgets[job.Rung - 1] : 0;
            events.Enqueue((job, now), (now + (job.Budget - previous), sequence++));
        }

        for (var w = 0; w < workers; w++)
        {
            Dispatch(0);
        }

        while (events.TryDequeue(out var running, out var finish))
        {
            var (job, start) = running;
            var now = finish.End;
            if (now > maxTime)
            {
                return new SimulationResult(workers, double.PositiveInfinity, jobs, asha.Configurations, busy / (workers * maxTime));
            }

            jobs++;
            busy += now - start;
            var loss = curves.Loss(job.Config, job.Budget);
            if (job.Rung == top && loss <= target)
            {
                // Jobs still running count for the time they ran so far.
                foreach (var (other, _) in events.UnorderedItems)
                {
                    busy += now - other.Start;
                }

                return new SimulationResult(workers, now, jobs, asha.Configurations, busy / (workers * now));
            }

            asha.Report(job.Config, job.Rung, loss);
            Dispatch(now);
        }

        throw new InvalidOperationException("The simulation ran out of events, which cannot happen with at least one worker.");
    }
}
