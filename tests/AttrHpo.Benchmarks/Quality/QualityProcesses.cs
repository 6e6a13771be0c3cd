using System.Diagnostics;
using System.Globalization;

namespace AttrHpo.Benchmarks;

/// <summary>
/// The quality benchmark's multi-process path: several copies of this program (<c>quality-worker</c>) run <c>OptimizeAsync</c> on
/// one study in one SQLite file at once, as users on one machine do; the trials are read from the file when all have exited.
/// </summary>
internal static class QualityProcesses
{
    public static async Task<List<(IReadOnlyList<double> Point, double? Value)>> RunAsync(
        BenchmarkFunction function, string samplerName, int budget, int batch, int seed, QualitySettings settings, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"attrhpo-quality-{Guid.NewGuid():N}.db");
        try
        {
            var workers = Enumerable.Range(0, settings.Processes).Select(_ => Start(
                "quality-worker", "--file", file, "--function", function.Name, "--sampler", samplerName, "--seed", Text(seed), "--budget", Text(budget),
                "--parallelism", Text(batch), "--trial-ms", Text(settings.TrialMilliseconds))).ToList();
            var errors = await Task.WhenAll(workers.Select(w => w.StandardError.ReadToEndAsync(cancellationToken))).ConfigureAwait(false);
            await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(cancellationToken))).ConfigureAwait(false);
            foreach (var (worker, error) in workers.Zip(errors))
            {
                if (worker.ExitCode != 0)
                {
                    throw new InvalidOperationException($"A quality worker exited with {worker.ExitCode}: {error}");
                }

                worker.Dispose();
            }

            await using var storage = StudyStorage.Sqlite(file);
            var study = Study.Create(new FunctionObjective(function), QualityStudy.Options(function, samplerName, seed, new RandomSampler(), storage));
            return QualityStudy.Points(await study.GetTrialsAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>One worker: runs the study on the file until it holds <paramref name="budget"/> trials, sharing it with the others.</summary>
    public static async Task<int> WorkAsync(string file, string functionName, string samplerName, int seed, int budget, int parallelism, int trialMilliseconds)
    {
        var function = BenchmarkFunctions.Get(functionName);
        var sampler = QualitySamplers.Create(samplerName);
        try
        {
            await using var storage = StudyStorage.Sqlite(file);
            var objective = new FunctionObjective(function) { Delay = TimeSpan.FromMilliseconds(trialMilliseconds) };
            await Study.Create(objective, QualityStudy.Options(function, samplerName, seed, sampler, storage)).OptimizeAsync(StopCondition.TotalTrials(budget), parallelism).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            (sampler as IDisposable)?.Dispose();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts this program again (as <c>dotnet AttrHpo.Benchmarks.dll</c>) with <paramref name="arguments"/>.</summary>
    private static Process Start(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, typeof(QualityProcesses).Assembly.GetName().Name + ".dll");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = false, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host} {dll}.");
    }
}
