using System.Diagnostics;

namespace AttrHpo.Benchmarks;

/// <summary>
/// Runs one sampler on one function for one seed through the real study API: ask/tell batches of <c>batch</c> trials (each ask
/// sees the earlier ones as pending) before any of them is told, <c>OptimizeAsync(parallelism: batch)</c> as the README calls
/// it, or several processes on one SQLite file (<see cref="QualityProcesses"/>). On the ask/tell path a trial whose value is
/// not finite is told as such (the study records it as failed), the sampler sees it with a loss of +infinity
/// (<see cref="FailureAwareSampler"/>), and it never counts as the best. For a noisy objective the best is the lowest noiseless value among the points evaluated.
/// </summary>
internal static class QualityStudy
{
    /// <summary>The checkpoints regret is reported at: 25, 50, 100, 200, ... up to the budget, and the budget itself.</summary>
    public static int[] Checkpoints(int budget) =>
        [.. new[] { 25, 50, 100, 200, 400, 800 }.Where(c => c < budget).Append(budget)];

    /// <summary>Regret (best value so far minus the known minimum) after each checkpoint's number of evaluations, the seconds taken, and near-duplicates.</summary>
    public static async Task<SeedOutcome> RunAsync(
        BenchmarkFunction function, string samplerName, int budget, int batch, int seed, CancellationToken cancellationToken, QualitySettings? settings = null)
    {
        settings ??= QualitySettings.Default;
        var clock = Stopwatch.StartNew();
        var trials = settings.Path switch
        {
            QualityPath.AskTell => await AskTellAsync(function, samplerName, budget, batch, seed, cancellationToken).ConfigureAwait(false),
            QualityPath.Optimize => await OptimizeAsync(function, samplerName, budget, batch, seed, settings, cancellationToken).ConfigureAwait(false),
            _ => await QualityProcesses.RunAsync(function, samplerName, budget, batch, seed, settings, cancellationToken).ConfigureAwait(false),
        };
        return SeedOutcome.From(trials, function, Checkpoints(budget), clock.Elapsed.TotalSeconds);
    }

    /// <summary>The study's options for one seed: in-memory storage unless given.</summary>
    public static StudyOptions Options(BenchmarkFunction function, string samplerName, int seed, ISampler sampler, IStudyStorage? storage = null) =>
        new() { Name = $"{function.Name}-{samplerName}-{seed}", Seed = (ulong)seed, Sampler = sampler, Storage = storage ?? new InMemoryStudyStorage() };

    /// <summary>The trials of a finished study as (point, value), ordered by number.</summary>
    public static List<(IReadOnlyList<double> Point, double? Value)> Points<T>(IEnumerable<Trial<T>> trials)
        where T : notnull =>
        [.. trials.Where(t => t.State is not TrialState.Cancelled).OrderBy(t => t.Number).Select(t => (t.Record.Point, t.Value))];

    private static async Task<List<(IReadOnlyList<double> Point, double? Value)>> AskTellAsync(
        BenchmarkFunction function, string samplerName, int budget, int batch, int seed, CancellationToken cancellationToken)
    {
        var sampler = new FailureAwareSampler(QualitySamplers.Create(samplerName));
        try
        {
            var study = Study.Create(new FunctionObjective(function), Options(function, samplerName, seed, sampler));
            var trials = new List<(IReadOnlyList<double> Point, double? Value)>();
            while (trials.Count < budget)
            {
                var asked = new List<AskedTrial<double[]>>();
                for (var i = 0; i < Math.Min(batch, budget - trials.Count); i++)
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

                    var told = await study.TellAsync(trial, value, cancellationToken).ConfigureAwait(false);
                    trials.Add((told.Record.Point, double.IsFinite(value) ? function.Noiseless?.Invoke(trial.Parameters) ?? value : null));
                }
            }

            return trials;
        }
        finally
        {
            (sampler as IDisposable)?.Dispose();
        }
    }

    private static async Task<List<(IReadOnlyList<double> Point, double? Value)>> OptimizeAsync(
        BenchmarkFunction function, string samplerName, int budget, int batch, int seed, QualitySettings settings, CancellationToken cancellationToken)
    {
        var sampler = QualitySamplers.Create(samplerName);
        try
        {
            var objective = new FunctionObjective(function) { Delay = TimeSpan.FromMilliseconds(settings.TrialMilliseconds) };
            var study = Study.Create(objective, Options(function, samplerName, seed, sampler));
            var result = await study.OptimizeAsync(trials: budget, parallelism: batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. Points(result.Trials).Zip(result.Trials.Where(t => t.State is not TrialState.Cancelled).OrderBy(t => t.Number))
                .Select(p => (p.First.Point, p.First.Value is not null && function.Noiseless is { } noiseless ? noiseless(p.Second.Parameters) : p.First.Value))];
        }
        finally
        {
            (sampler as IDisposable)?.Dispose();
        }
    }
}
