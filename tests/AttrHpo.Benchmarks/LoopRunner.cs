using System.Diagnostics;
using AttrHpo;

namespace AttrHpo.Benchmarks;

/// <summary>The quick loop measurement: a warm-up, then timed studies, printed as trials per second.</summary>
internal static class LoopRunner
{
    public static async Task<int> RunAsync(string storage, int trials, int repeats, bool reports = false)
    {
        if (reports)
        {
            return await ReportsAsync(storage, trials, repeats);
        }

        await RunOnceAsync(storage, Math.Min(trials, 2000)); // warm up the JIT and the pools
        var rates = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var seconds = await RunOnceAsync(storage, trials);
            rates.Add(trials / seconds);
            Console.WriteLine($"run {i + 1}: {trials} trials in {seconds:F3} s = {trials / seconds:N0} trials/s");
        }

        rates.Sort();
        Console.WriteLine($"storage={storage} trials={trials} median={rates[rates.Count / 2]:N0} trials/s");
        return 0;
    }

    /// <summary>One study of <paramref name="trials"/> trials on a fresh storage (a new file for SQLite), timed from creating the study to its result.</summary>
    private static async Task<double> RunOnceAsync(string kind, int trials)
    {
        await using var storage = new BenchmarkStorage(kind);
        var study = NoOp.EvaluateStudy.Create(new StudyOptions { Storage = storage.Storage, Seed = 1 });
        var clock = Stopwatch.StartNew();
        var result = await study.OptimizeAsync(trials);
        clock.Stop();
        if (result.Count(TrialState.Complete) != trials)
        {
            throw new InvalidOperationException($"Expected {trials} complete trials, got {result.Count(TrialState.Complete)}.");
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The cost of storing reports as they are made: the same studies of <see cref="NoOp.ReportEpochsAsync"/> (three reports a
    /// trial, a millisecond apart), printed as the process's CPU time per trial, which the pauses do not inflate.
    /// </summary>
    private static async Task<int> ReportsAsync(string kind, int trials, int repeats)
    {
        for (var i = 0; i <= repeats; i++)
        {
            await using var storage = new BenchmarkStorage(kind);
            var study = NoOp.ReportEpochsAsyncStudy.Create(new StudyOptions { Storage = storage.Storage, Seed = 1 });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await study.OptimizeAsync(trials, parallelism: 4);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var stored = result.Trials.Sum(t => t.Record.Reports.Count);
            Console.WriteLine(i == 0
                ? $"warm-up: {trials} trials"
                : $"run {i}: {trials} trials, {stored} reports, {clock.Elapsed.TotalSeconds:F2} s, CPU {used.TotalMilliseconds * 1000 / trials:F0} µs per trial");
        }

        return 0;
    }
}
