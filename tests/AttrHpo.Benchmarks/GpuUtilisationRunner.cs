using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AttrHpo;
using ILGPU;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Benchmarks;

/// <summary>
/// How busy short GPU trials keep each device slot: every trial launches a kernel pass after pass for about
/// <c>--ms</c> milliseconds on its leased accelerator, allocating its buffer through the trial's scope and leaving it there.
/// Busy time is the time from the end of a trial's first (warm-up) pass to its last synchronisation: the device's useful
/// work. Per slot, busy / wall is the utilisation, with the accelerators reused
/// (<see cref="GpuExecutorOptions.ReuseAccelerators"/>) and, for comparison, made per lease. Setup is the time from the
/// objective's start to the end of its warm-up pass (the kernel loaded and launched once: where a fresh accelerator pays).
/// </summary>
internal static class GpuUtilisationRunner
{
    public static async Task<int> RunAsync(int trials, int milliseconds, int elements, IReadOnlyList<string> modes)
    {
        var failures = 0;
        foreach (var mode in modes)
        {
            var reuse = mode switch
            {
                "reuse" => true,
                "per-lease" => false,
                _ => throw new ArgumentException($"Unknown mode '{mode}': use reuse or per-lease."),
            };
            failures += await RunOnceAsync(trials, TimeSpan.FromMilliseconds(milliseconds), elements, reuse);
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunOnceAsync(int trials, TimeSpan length, int elements, bool reuse)
    {
        await using var executor = new GpuExecutor(new GpuExecutorOptions { CpuSlots = 0, ReuseAccelerators = reuse });
        var trainer = new ShortGpuTrials(elements, length);
        var wall = Stopwatch.StartNew();
        var result = await ShortGpuTrials.TrainStudy.Create(trainer, new StudyOptions { Seed = 11, Executor = executor, LoggerFactory = NullLoggerFactory.Instance })
            .OptimizeAsync(trials, parallelism: executor.DeviceSlots);
        wall.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(reuse ? "reuse" : "per-lease")}: {result.Count(TrialState.Complete)}/{trials} complete, ~{length.TotalMilliseconds:F0} ms trials, {elements} elements, wall {wall.Elapsed.TotalSeconds:F2} s, fallback {executor.IsFallback}"));
        foreach (var device in executor.Devices)
        {
            var busy = trainer.Busy.GetValueOrDefault(device.Device);
            var setup = trainer.Setup.GetValueOrDefault(device.Device);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {device.Device}: busy {busy.TotalSeconds:F2} s = {100 * busy / wall.Elapsed:F1}% of wall, leased {100 * device.Leased / wall.Elapsed:F1}% of wall, {device.Leases} leases, {device.AcceleratorsMade} accelerator(s) made, setup {setup.TotalMilliseconds / Math.Max(1, device.Leases):F1} ms per trial, lease cost beyond busy {(device.Leased - busy).TotalMilliseconds / Math.Max(1, device.Leases):F1} ms per trial, left tracked {device.TrackedBytes} B"));
        }

        return result.Count(TrialState.Complete) == trials ? 0 : 1;
    }
}

/// <summary>Trials of a fixed length on the leased accelerator, summing each device's busy time.</summary>
internal sealed partial class ShortGpuTrials(int elements, TimeSpan length)
{
    public ConcurrentDictionary<string, TimeSpan> Busy { get; } = new();

    public ConcurrentDictionary<string, TimeSpan> Setup { get; } = new();

    [Objective]
    public double Train([Hyperparameter(1e-3, 1.0, Log = true)] double rate, Accelerator accelerator, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(trial);
        var entered = Stopwatch.GetTimestamp();
        var values = trial.Allocations.Allocate1D<float>(elements); // left for the lease's end to free
        var step = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(Step);
        values.MemSetToZero();
        step((int)values.Length, values.View, (float)rate);
        accelerator.Synchronize();
        var started = Stopwatch.GetTimestamp();
        var setup = Stopwatch.GetElapsedTime(entered, started);
        do
        {
            step((int)values.Length, values.View, (float)rate);
            accelerator.Synchronize();
        }
        while (Stopwatch.GetElapsedTime(started) < length);

        var busy = Stopwatch.GetElapsedTime(started);
        var device = trial.Attributes[GpuExecutor.DeviceAttribute];
        Busy.AddOrUpdate(device, busy, (_, sum) => sum + busy);
        Setup.AddOrUpdate(device, setup, (_, sum) => sum + setup);
        var sample = new float[1];
        values.View.SubView(0, 1).CopyToCPU(sample);
        return Math.Abs(sample[0] - 1.0);
    }

    private static void Step(Index1D index, ArrayView<float> values, float rate) => values[index] += rate * (1f - values[index]);
}
