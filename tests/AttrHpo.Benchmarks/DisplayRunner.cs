using System.Diagnostics;
using System.Globalization;
using AttrHpo;
using Spectre.Console;

namespace AttrHpo.Benchmarks;

/// <summary>
/// What the console display costs per trial: the no-op study run bare, with the plain display and with the live display,
/// interleaved, each repeat on a fresh in-memory study; the display writes to a console that discards its output.
/// </summary>
internal static class DisplayRunner
{
    private static readonly string[] Modes = ["bare", "plain", "live"];

    public static async Task<int> RunAsync(int trials, int parallelism, int repeats)
    {
        foreach (var mode in Modes)
        {
            await RunOnceAsync(mode, Math.Min(trials, 2000), parallelism); // warm up the JIT and the pools
        }

        var rates = Modes.ToDictionary(m => m, _ => new List<double>());
        for (var i = 0; i < repeats; i++)
        {
            foreach (var mode in Modes)
            {
                rates[mode].Add(trials / await RunOnceAsync(mode, trials, parallelism));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: {string.Join(", ", Modes.Select(m => $"{m} {rates[m][^1]:N0}"))} trials/s"));
        }

        foreach (var mode in Modes)
        {
            var sorted = rates[mode].Order().ToList();
            var median = sorted[sorted.Count / 2];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"display={mode} trials={trials} parallelism={parallelism} median={median:N0} trials/s ({1e6 / median:F2} us per trial)"));
        }

        return 0;
    }

    private static async Task<double> RunOnceAsync(string mode, int trials, int parallelism)
    {
        var study = NoOp.EvaluateStudy.Create(new StudyOptions { Storage = new InMemoryStudyStorage(), Seed = 1 });
        var display = new StudyConsoleOptions
        {
            Mode = mode == "live" ? StudyDisplayMode.Live : StudyDisplayMode.Plain,
            Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(TextWriter.Null),
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
            }),
        };
        var clock = Stopwatch.StartNew();
        var result = mode == "bare"
            ? await study.OptimizeAsync(trials, parallelism)
            : await study.OptimizeWithConsoleAsync(trials, parallelism, display);
        clock.Stop();
        if (result.Count(TrialState.Complete) != trials)
        {
            throw new InvalidOperationException($"Expected {trials} complete trials, got {result.Count(TrialState.Complete)}.");
        }

        return clock.Elapsed.TotalSeconds;
    }
}
