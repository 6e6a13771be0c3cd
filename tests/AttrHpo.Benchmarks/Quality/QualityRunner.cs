using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Benchmarks;

/// <summary>
/// The quality benchmark: <c>quality --function branin|...|all|heldout --sampler random|sobol|gp --budget 100 --batch 4 --seeds 10 --json out.json</c>.
/// Seeds 0 .. seeds - 1. Writes one JSON object per function (an array of them for <c>--function all</c>) and prints the medians.
/// </summary>
internal static class QualityRunner
{
    public static async Task<int> RunAsync(string functionName, string sampler, int budget, int batch, int seeds, string? jsonPath, QualitySettings? settings = null)
    {
        settings ??= QualitySettings.Default;
        IReadOnlyList<BenchmarkFunction> functions;
        try
        {
            if (budget < 1 || batch < 1 || seeds < 1)
            {
                throw new ArgumentException($"Budget, batch and seeds must be at least 1 (got {budget}, {batch}, {seeds}).");
            }

            (QualitySamplers.Create(sampler) as IDisposable)?.Dispose(); // fail before any work on an unknown sampler
            functions = functionName switch
            {
                "all" => BenchmarkFunctions.All,
                "heldout" => HeldOutFunctions.All,
                _ => [BenchmarkFunctions.Get(functionName)],
            };
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }

        var runs = new List<QualityRun>();
        foreach (var function in functions)
        {
            var run = await RunAsync(function, sampler, budget, batch, seeds, settings).ConfigureAwait(false);
            runs.Add(run);
            var medians = string.Join(", ", run.RegretAt.Select(p => string.Create(CultureInfo.InvariantCulture, $"@{p.Key} {QualityRun.Median(p.Value):G3}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{function.Name} sampler={sampler} batch={batch} seeds={seeds} path={settings}: median regret {medians}; median {QualityRun.Median(run.Seconds):F3} s per run; " +
                $"near-duplicates per seed {string.Join(" ", run.NearDuplicates)}"));
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, ToJson(runs, asArray: functionName is "all" or "heldout")).ConfigureAwait(false);
        }

        return 0;
    }

    public static async Task<QualityRun> RunAsync(BenchmarkFunction function, string sampler, int budget, int batch, int seeds, QualitySettings? settings = null)
    {
        settings ??= QualitySettings.Default;
        var checkpoints = QualityStudy.Checkpoints(budget);
        var regret = checkpoints.ToDictionary(c => c, _ => new double[seeds]);
        var seconds = new double[seeds];
        var nearDuplicates = new int[seeds];
        for (var seed = 0; seed < seeds; seed++)
        {
            var outcome = await QualityStudy.RunAsync(function, sampler, budget, batch, seed, CancellationToken.None, settings).ConfigureAwait(false);
            for (var i = 0; i < checkpoints.Length; i++)
            {
                regret[checkpoints[i]][seed] = outcome.Regret[i];
            }

            seconds[seed] = outcome.Seconds;
            nearDuplicates[seed] = outcome.NearDuplicates;
        }

        return new QualityRun(function.Name, sampler, batch, budget, regret, seconds) { Settings = settings, NearDuplicates = nearDuplicates };
    }

    public static string ToJson(IReadOnlyList<QualityRun> runs, bool asArray)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            if (asArray)
            {
                writer.WriteStartArray();
            }

            foreach (var run in runs)
            {
                Write(writer, run);
            }

            if (asArray)
            {
                writer.WriteEndArray();
            }
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, QualityRun run)
    {
        writer.WriteStartObject();
        writer.WriteString("function", run.Function);
        writer.WriteString("sampler", run.Sampler);
        writer.WriteNumber("batch", run.Batch);
        writer.WriteNumber("budget", run.Budget);
        writer.WriteString("path", run.Settings.ToString());
        writer.WriteStartObject("regret_at");
        foreach (var (checkpoint, values) in run.RegretAt)
        {
            WriteArray(writer, checkpoint.ToString(CultureInfo.InvariantCulture), values);
        }

        writer.WriteEndObject();
        WriteArray(writer, "seconds", run.Seconds);
        WriteArray(writer, "near_duplicates", [.. run.NearDuplicates.Select(n => (double)n)]);
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, double[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
