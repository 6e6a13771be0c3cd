using System.Diagnostics;
using System.Globalization;

namespace AttrHpo.Benchmarks;

/// <summary>
/// The GP sampler's own cost: the wall time of one batch of 4 suggestions (the 4 workers of a batch, each seeing the
/// earlier ones as pending) for a history of n observations in 6 dimensions (hartmann6 at scrambled Sobol points).
/// "warm" is a sampler that served the previous batch (history n - 4), as in a running study; "cold" is a fresh sampler
/// (a study resumed from storage), which also pays the cold hyperparameter fit of the checkpoint.
/// </summary>
internal static class GpCostRunner
{
    private const int Dimensions = 6;
    private const int Batch = 4;

    public static int Run(IReadOnlyList<int> sizes, int repeats, GpCandidateSweep device, GpOutputTransform transform = GpOutputTransform.Auto)
    {
        var space = new SearchSpace([.. Enumerable.Range(0, Dimensions).Select(i => new RealDimension($"x{i}", 0, 1))]);
        Console.WriteLine($"GP sampler cost: batch of {Batch} suggestions, {Dimensions} dimensions, sweep {device}, output transform {transform}, {Environment.ProcessorCount} cores, median of {repeats}");
        // The CPU columns are the process's CPU time over the batch (all threads): less sensitive than wall time to other
        // processes sharing the machine, so before/after comparisons on a loaded machine can use them.
        Console.WriteLine("observations | warm batch (s) | cold batch (s) | warm CPU (s) | cold CPU (s)");
        foreach (var n in sizes)
        {
            var history = History(space, n);
            var warm = new List<double>();
            var cold = new List<double>();
            var warmCpu = new List<double>();
            var coldCpu = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                using (var sampler = new GpSampler(new GpSamplerOptions { Sweep = device, OutputTransform = transform }))
                {
                    var (wall, cpu) = TimeBatch(sampler, space, history, n, (ulong)r);
                    cold.Add(wall);
                    coldCpu.Add(cpu);
                }

                using (var sampler = new GpSampler(new GpSamplerOptions { Sweep = device, OutputTransform = transform }))
                {
                    TimeBatch(sampler, space, history, n - Batch, (ulong)r);
                    var (wall, cpu) = TimeBatch(sampler, space, history, n, (ulong)r);
                    warm.Add(wall);
                    warmCpu.Add(cpu);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n,12} | {Median(warm),14:F3} | {Median(cold),14:F3} | {Median(warmCpu),12:F3} | {Median(coldCpu),12:F3}"));
        }

        return 0;
    }

    /// <summary>The wall time and the process's CPU time of one batch, in seconds.</summary>
    private static (double Wall, double Cpu) TimeBatch(GpSampler sampler, SearchSpace space, List<Observation> history, int count, ulong seed)
    {
        var completed = history.Take(count).ToList();
        var pending = new List<IReadOnlyList<double>>();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var k = 0; k < Batch; k++)
        {
            pending.Add(sampler.Suggest(new SamplingContext(space, count + k, seed, completed, [.. pending])));
        }

        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static List<Observation> History(SearchSpace space, int n)
    {
        var sobol = new SobolSampler();
        return [.. Enumerable.Range(0, n).Select(i =>
        {
            var point = sobol.Suggest(new SamplingContext(space, i, 12345, [], []));
            return new Observation(point, Hartmann6(point));
        })];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double Hartmann6(IReadOnlyList<double> x)
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
        double[,] p =
        {
            { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
            { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
        };
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var exponent = 0.0;
            for (var j = 0; j < 6; j++)
            {
                exponent += a[i, j] * (x[j] - p[i, j]) * (x[j] - p[i, j]);
            }

            sum += alpha[i] * Math.Exp(-exponent);
        }

        return -sum;
    }
}
