using System.Diagnostics;

namespace AttrHpo.Benchmarks;

/// <summary>
/// Runs one sampler on one function for one seed through the real ask/tell API with in-memory storage: batches of
/// <c>batch</c> trials are asked (each ask sees the earlier ones as pending) before any of them is told. A trial whose value
/// is not finite is told as such (the study records it as failed), the sampler sees it with a loss of +infinity
/// (<see cref="FailureAwareSampler"/>), and it never counts as the best. For a noisy objective the best is the lowest
/// noiseless value among the points evaluated.
/// </summary>
internal static class QualityStudy
{
    /// <summary>The checkpoints regret is reported at: 25, 50, 100, 200, ... up to the budget, and the budget itself.</summary>
    public static int[] Checkpoints(int budget) =>
        [.. new[] { 25, 50, 100, 200, 400, 800 }.Where(c => c < budget).Append(budget)];

    /// <summary>Regret (best value so far minus the known minimum) after each checkpoint's number of evaluations, and the seconds taken.</summary>
    public static async Task<(double[] Regret, double Seconds)> RunAsync(BenchmarkFunction function, string samplerName, int budget, int batch, int seed, CancellationToken cancellationToken)
    {
        var sampler = new FailureAwareSampler(QualitySamplers.Create(samplerName));
        try
        {
            var options = new StudyOptions { Name = $"{function.Name}-{samplerName}-{seed}", Seed = (ulong)seed, Sampler = sampler, Storage = new InMemoryStudyStorage() };
            var study = Study.Create(new FunctionObjective(function), options);
            var checkpoints = Checkpoints(budget);
            var regret = new double[checkpoints.Length];
            var best = double.PositiveInfinity;
            var evaluated = 0;
            var clock = Stopwatch.StartNew();
            while (evaluated < budget)
            {
                var asked = new List<AskedTrial<double[]>>();
                for (var i = 0; i < Math.Min(batch, budget - evaluated); i++)
                {
                    asked.Add(await study.AskAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
                }

                foreach (var trial in asked)
                {
                    var value = function.Evaluate(trial.Parameters);
                    if (!double.IsFinite(value))
                    {
                        sampler.Failed(trial.Number); // the study records it as failed; the sampler sees it as +infinity
                    }

                    await study.TellAsync(trial, value, cancellationToken).ConfigureAwait(false);
                    best = double.IsFinite(value) ? Math.Min(best, function.Noiseless?.Invoke(trial.Parameters) ?? value) : best;
                    evaluated++;
                    var at = Array.IndexOf(checkpoints, evaluated);
                    if (at >= 0)
                    {
                        regret[at] = best - function.KnownMinimum;
                    }
                }
            }

            return (regret, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            sampler.Dispose();
        }
    }
}
