using System.Diagnostics;

namespace AttrHpo.Simulation;

/// <summary>The scheduler's own cost: one decision (a report and the next job) with many jobs in flight.</summary>
public static class SchedulerCost
{
    /// <summary>
    /// Keeps <paramref name="inFlight"/> jobs running; each decision finishes one of them (chosen at random), reports its loss
    /// and asks for the next job. Returns the mean wall-clock cost of a decision in nanoseconds, after a warm-up of as many decisions.
    /// </summary>
    /// <param name="inFlight">Jobs running at once.</param>
    /// <param name="decisions">Decisions measured.</param>
    /// <param name="seed">Seeds the order in which jobs finish and their losses.</param>
    public static double PerDecision(int inFlight, int decisions, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var asha = new AshaScheduler(1, 81, 3);
        var random = new Random(seed);
        var running = new AshaJob[inFlight];
        for (var i = 0; i < inFlight; i++)
        {
            running[i] = asha.Next();
        }

        void Decide()
        {
            var index = random.Next(inFlight);
            var done = running[index];
            asha.Report(done.Config, done.Rung, random.NextDouble() / (done.Rung + 1));
            running[index] = asha.Next();
        }

        for (var i = 0; i < decisions; i++)
        {
            Decide();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < decisions; i++)
        {
            Decide();
        }

        return clock.Elapsed.TotalNanoseconds / decisions;
    }

    /// <summary>
    /// The stop-or-continue rule's cost per report: <paramref name="inFlight"/> trials report their steps in turn (random
    /// values), each pruned trial replaced by a new one, so that as many are always in flight.
    /// </summary>
    /// <param name="inFlight">Trials reporting at once.</param>
    /// <param name="reports">Reports measured.</param>
    /// <returns>The mean cost of a report in nanoseconds.</returns>
    /// <param name="seed">Seeds the values.</param>
    public static double PerReport(int inFlight, int reports, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var rule = new SuccessiveHalvingRule(Direction.Minimize, minResource: 1, reductionFactor: 3);
        var random = new Random(seed);
        var trials = new (int Number, long Step)[inFlight];
        var next = 0;
        for (var i = 0; i < inFlight; i++)
        {
            trials[i] = (next++, 0);
        }

        void Report(int i)
        {
            var (number, step) = trials[i];
            step++;
            var pruned = rule.Report(number, step, random.NextDouble() / step);
            trials[i] = pruned || step >= 81 ? (next++, 0) : (number, step);
        }

        for (var r = 0; r < reports; r++)
        {
            Report(r % inFlight);
        }

        var clock = Stopwatch.StartNew();
        for (var r = 0; r < reports; r++)
        {
            Report(r % inFlight);
        }

        return clock.Elapsed.TotalNanoseconds / reports;
    }
}
