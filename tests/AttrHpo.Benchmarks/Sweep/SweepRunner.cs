using System.Diagnostics;
using System.Globalization;

namespace AttrHpo.Benchmarks;

/// <summary>
/// Times the GP candidate sweep on each device and checks that every device agrees with the managed path:
/// <c>sweep --observations 500,2000 --candidates 100000 --dimensions 6 --devices managed,ilgpu-cpu,cuda --repeats 3</c>.
/// </summary>
internal static class SweepRunner
{
    public static int Run(IReadOnlyList<int> observations, int candidates, int dimensions, IReadOnlyList<string> devices, int repeats)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}");
        foreach (var n in observations)
        {
            var (posterior, points, best) = SweepPosterior.Create(n, dimensions, candidates, seed: n);
            double[]? reference = null;
            foreach (var device in devices)
            {
                using var scorer = Create(device);
                var (mean, variance, logEi) = (new double[candidates], new double[candidates], new double[candidates]);

                // The first call compiles the kernel and uploads the posterior: timed apart from the steady state.
                var first = Stopwatch.StartNew();
                scorer.Score(posterior, points, best, mean, variance, logEi);
                first.Stop();
                var times = new List<double>();
                for (var r = 0; r < repeats; r++)
                {
                    var clock = Stopwatch.StartNew();
                    scorer.Score(posterior, points, best, mean, variance, logEi);
                    times.Add(clock.Elapsed.TotalSeconds);
                }

                times.Sort();
                var median = times.Count > 0 ? times[times.Count / 2] : first.Elapsed.TotalSeconds;
                var results = (double[])[.. mean, .. variance, .. logEi];
                var agreement = reference is null ? "reference" : Agreement(reference, results, candidates);
                reference ??= results;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"n={n} d={dimensions} m={candidates} device={device} ({Name(scorer)}): first call {first.Elapsed.TotalSeconds:F3} s, median of {repeats} {median:F4} s = {candidates / median:N0} candidates/s; vs first device: {agreement}"));
            }
        }

        return 0;
    }

    private static ICandidateScorer Create(string device) => device switch
    {
        "managed" => GpCandidateSweep.Managed.CreateScorer(),
        "ilgpu-cpu" => GpCandidateSweep.IlgpuCpu.CreateScorer(),
        "cuda" => GpCandidateSweep.Cuda.CreateScorer(),
        _ => throw new ArgumentException($"Unknown sweep device '{device}': use managed, ilgpu-cpu or cuda."),
    };

    private static string Name(ICandidateScorer scorer) => scorer is IlgpuCandidateScorer ilgpu ? ilgpu.DeviceName : "managed";

    /// <summary>The largest relative difference of mean, variance and log EI, |a - b| / max(|a|, |b|).</summary>
    private static string Agreement(double[] expected, double[] actual, int m)
    {
        var names = new[] { "mean", "variance", "logEi" };
        var parts = new List<string>();
        for (var part = 0; part < 3; part++)
        {
            var worst = 0.0;
            var finite = true;
            for (var i = part * m; i < (part + 1) * m; i++)
            {
                finite &= double.IsFinite(actual[i]);
                var scale = Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i]));
                if (scale > 0)
                {
                    worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / scale);
                }
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{names[part]} max rel diff {worst:E2}{(finite ? string.Empty : " (NON-FINITE values)")}"));
        }

        return string.Join(", ", parts);
    }
}
