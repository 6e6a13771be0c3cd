using System.Diagnostics;
using AttrHpo;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Benchmarks;

/// <summary>
/// The executors' costs: the dispatch cost per trial (a trivial objective, one slot), and a study of fixed-length trials on
/// many slots against its ideal wall-clock. The process executor's workers are this program, started again in worker mode.
/// </summary>
internal static class ExecutorRunner
{
    /// <summary>Dispatch cost: sequential trials of a trivial objective straight through each executor, then through a study.</summary>
    public static async Task<int> DispatchAsync(int trials, int repeats)
    {
        var objective = ObjectiveRegistry.FromAssembly(typeof(NoOp).Assembly).Get("AttrHpo.Benchmarks.NoOp.Evaluate");
        var json = objective.DecodeToJson([0.5, 0.5, 0.5, 0.5]);
        foreach (var kind in new[] { "in-process", "process" })
        {
            await using var executor = Create(kind, slots: 1);
            await WarmAsync(executor);
            for (var r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < trials; i++)
                {
                    await executor.InvokeAsync(new TrialInvocation(objective, json, new TrialContext("dispatch", i, 0, NullLogger.Instance)), CancellationToken.None);
                }

                var direct = clock.Elapsed.TotalMicroseconds / trials;
                clock.Restart();
                var result = await NoOp.EvaluateStudy.Create(new StudyOptions { Seed = 1, Executor = executor }).OptimizeAsync(trials);
                var study = clock.Elapsed.TotalMicroseconds / trials;
                Check(result.Count(TrialState.Complete), trials);
                Console.WriteLine($"dispatch executor={kind} trials={trials} run={r + 1}: executor.InvokeAsync {direct:F1} us/trial, whole study (memory storage) {study:F1} us/trial");
            }
        }

        return 0;
    }

    /// <summary>A study of <paramref name="trials"/> trials of <paramref name="milliseconds"/> ms each on <paramref name="slots"/> slots, against the ideal.</summary>
    public static async Task<int> OverheadAsync(int trials, int milliseconds, int slots, IReadOnlyList<string> kinds)
    {
        Environment.SetEnvironmentVariable("ATTRHPO_BENCH_SLEEP_MS", milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)); // workers inherit it
        var ideal = TimeSpan.FromMilliseconds((double)trials * milliseconds / slots);
        Console.WriteLine($"processors={Environment.ProcessorCount} trials={trials} trial={milliseconds} ms slots={slots} ideal={ideal.TotalSeconds:F3} s");
        foreach (var kind in kinds)
        {
            await using var executor = Create(kind, slots);
            var clock = Stopwatch.StartNew();
            if (executor is ProcessExecutor process)
            {
                await process.StartAsync();
            }

            var startup = clock.Elapsed;
            await WarmAsync(executor);
            clock.Restart();
            var result = await Sleep.WaitAsyncStudy.Create(new StudyOptions { Seed = 1, Executor = executor }).OptimizeAsync(trials, parallelism: slots);
            var wall = clock.Elapsed;
            Check(result.Count(TrialState.Complete), trials);
            var meanTrial = result.Trials.Average(t => t.Duration!.Value.TotalMilliseconds);
            Console.WriteLine(
                $"overhead executor={kind}: study {wall.TotalSeconds:F3} s = {Percent(wall, ideal)} over ideal; with worker start-up ({startup.TotalMilliseconds:F0} ms) {Percent(wall + startup, ideal)}; " +
                $"mean recorded trial {meanTrial:F2} ms");
        }

        return 0;
    }

    private static string Percent(TimeSpan wall, TimeSpan ideal) => $"{100 * ((wall / ideal) - 1):+0.00;-0.00}%";

    private static ITrialExecutor Create(string kind, int slots) => kind switch
    {
        "in-process" => new InProcessExecutor(slots),
        "process" => new ProcessExecutor(new ProcessExecutorOptions { Slots = slots }),
        _ => throw new ArgumentException($"Unknown executor '{kind}'; use in-process or process.", nameof(kind)),
    };

    /// <summary>Starts the workers (process executor) and runs a few trials through each executor, to warm the JIT on both sides.</summary>
    private static async Task WarmAsync(ITrialExecutor executor)
    {
        if (executor is ProcessExecutor process)
        {
            await process.StartAsync();
        }

        await NoOp.EvaluateStudy.Create(new StudyOptions { Seed = 2, Executor = executor }).OptimizeAsync(200, parallelism: executor.Slots);
    }

    private static void Check(int complete, int trials)
    {
        if (complete != trials)
        {
            throw new InvalidOperationException($"Expected {trials} complete trials, got {complete}.");
        }
    }
}
