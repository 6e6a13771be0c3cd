using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The real-ML quality benchmark: <c>ml-quality --task breast-cancer|digits|digits-gbm --sampler gp|random|sobol --path
/// optimize|asktell --seeds 5 --budget 60 --parallelism 4 --json out.json</c>. For each seed 0 .. seeds - 1, a study of
/// the task's objective (<see cref="MlTask"/>: <see cref="BreastCancerTraining"/> by default, <see cref="DigitsTraining"/>
/// or <see cref="DigitsBoostedTraining"/>) on in-memory storage runs <c>budget</c> trials, either through
/// <c>OptimizeAsync(trials: budget, parallelism)</c> (<c>optimize</c>), in ask/tell batches of <c>parallelism</c> asked
/// before any is told (<c>asktell</c>), or as <c>optimize</c> replayed deterministically through ask/tell with simulated
/// trial durations (<c>simasync</c>; <c>--timing N</c> draws another finish order). Best value so far is taken in the
/// order trials finished (the progress callback's order for <c>optimize</c>; trial number for <c>asktell</c>, which tells
/// in that order; simulated finish order for <c>simasync</c>) at every 20 evaluations and at the budget. Prints the
/// medians over seeds; <c>--trace</c> writes each trial's number, parameters and value in that order.
/// </summary>
internal static class MlQualityRunner
{
    public static int[] Checkpoints(int budget) =>
        [.. Enumerable.Range(1, budget / 20).Select(i => i * 20).Where(c => c < budget).Append(budget)];

    public static async Task<int> RunAsync(
        string sampler, string path, int seeds, int budget, int parallelism, string? jsonPath, string? tracePath = null, string task = MlTask.DefaultName, int timing = 0)
    {
        MlTask objective;
        try
        {
            objective = MlTask.Parse(task);
            if (budget < 1 || seeds < 1 || parallelism < 1)
            {
                throw new ArgumentException($"Budget, seeds and parallelism must be at least 1 (got {budget}, {seeds}, {parallelism}).");
            }

            if (path is not ("optimize" or "asktell" or "simasync"))
            {
                throw new ArgumentException($"Unknown path '{path}': use optimize, asktell or simasync.");
            }

            (QualitySamplers.Create(sampler) as IDisposable)?.Dispose();
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }

        var cap = objective.Cap;
        var checkpoints = Checkpoints(budget);
        var best = checkpoints.ToDictionary(c => c, _ => new double[seeds]);
        var atCap = new int[seeds];
        var seconds = new double[seeds];
        var trace = new List<string>();
        for (var seed = 0; seed < seeds; seed++)
        {
            var clock = Stopwatch.StartNew();
            var trials = await RunSeedAsync(objective, sampler, path, seed, budget, parallelism, timing).ConfigureAwait(false);
            seconds[seed] = clock.Elapsed.TotalSeconds;
            var values = trials.Select(t => t.Value).ToArray();
            trace.AddRange(trials.Select((t, i) => string.Create(CultureInfo.InvariantCulture,
                $"{{\"seed\": {seed}, \"order\": {i + 1}, \"number\": {t.Number}, \"value\": {t.Value:R}, \"parameters\": {t.Parameters}}}")));
            foreach (var checkpoint in checkpoints)
            {
                best[checkpoint][seed] = values.Take(checkpoint).Min();
            }

            atCap[seed] = values.Count(v => v >= cap);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  seed {seed}: best {string.Join(", ", checkpoints.Select(c => $"@{c} {best[c][seed]:G4}"))}; {atCap[seed]} of {budget} at the cap; {seconds[seed]:F1} s"));
        }

        var medians = string.Join(", ", checkpoints.Select(c => string.Create(CultureInfo.InvariantCulture, $"@{c} {QualityRun.Median(best[c]):G4}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{objective.Benchmark} sampler={sampler} path={path} parallelism={parallelism} seeds={seeds}: median best validation loss {medians}"));
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, ToJson(objective.Benchmark, sampler, path, parallelism, budget, cap, best, atCap, seconds)).ConfigureAwait(false);
        }

        if (tracePath is not null)
        {
            await File.WriteAllLinesAsync(tracePath, trace).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<IReadOnlyList<(double Value, string Parameters, int Number)>> RunSeedAsync(MlTask task, string samplerName, string path, int seed, int budget, int parallelism, int timing)
    {
        var sampler = QualitySamplers.Create(samplerName);
        try
        {
            return await task.RunSeedAsync(sampler, samplerName, path, seed, budget, parallelism, timing).ConfigureAwait(false);
        }
        finally
        {
            (sampler as IDisposable)?.Dispose();
        }
    }

    private static string ToJson(string benchmark, string sampler, string path, int parallelism, int budget, double cap, Dictionary<int, double[]> best, int[] atCap, double[] seconds)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("benchmark", benchmark);
            writer.WriteString("sampler", sampler);
            writer.WriteString("path", path);
            writer.WriteNumber("batch", parallelism);
            writer.WriteNumber("budget", budget);
            writer.WriteNumber("cap", cap);
            writer.WriteStartObject("best_at");
            foreach (var (checkpoint, values) in best)
            {
                writer.WriteStartArray(checkpoint.ToString(CultureInfo.InvariantCulture));
                Array.ForEach(values, writer.WriteNumberValue);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("median_best_at");
            foreach (var (checkpoint, values) in best)
            {
                writer.WriteNumber(checkpoint.ToString(CultureInfo.InvariantCulture), QualityRun.Median(values));
            }

            writer.WriteEndObject();
            writer.WriteStartArray("at_cap");
            Array.ForEach(atCap, writer.WriteNumberValue);
            writer.WriteEndArray();
            writer.WriteStartArray("seconds");
            Array.ForEach(seconds, writer.WriteNumberValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
