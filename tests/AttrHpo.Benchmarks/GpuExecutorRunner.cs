using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AttrHpo;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Benchmarks;

/// <summary>
/// A study through the <see cref="GpuExecutor"/> with as many concurrent trials as devices: each trial runs a real kernel
/// on its leased accelerator and leaves a buffer (allocated through its scope) for the lease's end to free. Prints the devices, each one's leases and
/// utilisation by leases over the study's wall time, the most trials seen at once on a device, the cost of a lease beyond
/// the objective's own time, and (on CUDA) the device's free memory at the start of each trial.
/// </summary>
internal static partial class GpuExecutorRunner
{
    private static readonly ConcurrentDictionary<string, int> Running = new();
    private static readonly ConcurrentDictionary<string, int> MostAtOnce = new();
    private static readonly ConcurrentBag<long> FreeAtStart = [];
    private static long s_objectiveTicks;

    /// <summary>Element count, kernel passes and the bytes each trial leaves allocated.</summary>
    public static int Elements { get; set; } = 1 << 22;

    public static long LeftAllocated { get; set; } = 512L << 20;

    [Objective]
    public static double Train([Hyperparameter(1e-3, 1.0, Log = true)] double rate, [Hyperparameter(50, 200)] int passes, Accelerator accelerator, TrialContext trial)
    {
        var started = Stopwatch.GetTimestamp();
        var device = trial.Attributes[GpuExecutor.DeviceAttribute];
        var now = Running.AddOrUpdate(device, 1, (_, n) => n + 1);
        MostAtOnce.AddOrUpdate(device, now, (_, most) => Math.Max(most, now));
        try
        {
            accelerator.Bind();
            if (accelerator is CudaAccelerator)
            {
                CudaAPI.CurrentAPI.GetMemoryInfo(out long free, out long _);
                FreeAtStart.Add(free);
            }

            _ = trial.Allocations.Allocate1D<byte>(LeftAllocated); // not disposed here: the lease's end frees it
            using var values = accelerator.Allocate1D<float>(Elements);
            var step = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(Step);
            values.MemSetToZero();
            for (var i = 0; i < passes; i++)
            {
                step((int)values.Length, values.View, (float)rate);
            }

            accelerator.Synchronize();
            var sample = new float[1];
            values.View.SubView(0, 1).CopyToCPU(sample);
            return Math.Abs(sample[0] - 1.0);
        }
        finally
        {
            Running.AddOrUpdate(device, 0, (_, n) => n - 1);
            Interlocked.Add(ref s_objectiveTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public static async Task<int> RunAsync(int trials, int trialsPerDevice, int elements, long leftAllocated)
    {
        Elements = elements;
        LeftAllocated = leftAllocated;
        var logger = new ConsoleWarnings();
        var create = Stopwatch.StartNew();
        await using var executor = new GpuExecutor(new GpuExecutorOptions { CpuSlots = 0, TrialsPerDevice = trialsPerDevice }, logger);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"executor: {executor.DeviceSlots} device slot(s), fallback {executor.IsFallback}, created in {create.Elapsed.TotalMilliseconds:F0} ms"));
        foreach (var device in executor.Devices)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  device {device.Device}: {device.MemoryBytes / (1 << 20)} MiB, {device.Capacity} trial(s) at once"));
        }

        var wall = Stopwatch.StartNew();
        var result = await TrainStudy.Create(new StudyOptions { Seed = 7, Executor = executor, LoggerFactory = NullLoggerFactory.Instance })
            .OptimizeAsync(trials, parallelism: executor.DeviceSlots);
        wall.Stop();

        var leased = executor.Devices.Sum(d => d.Leased.TotalSeconds);
        var objective = Stopwatch.GetElapsedTime(0, s_objectiveTicks).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"study: {result.Count(TrialState.Complete)}/{trials} complete, {result.Count(TrialState.Failed)} failed, wall {wall.Elapsed.TotalSeconds:F2} s, parallelism {executor.DeviceSlots}"));
        foreach (var device in executor.Devices)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {device.Device}: {device.Leases} leases, leased {device.Leased.TotalSeconds:F2} s = {100 * device.Leased.TotalSeconds / wall.Elapsed.TotalSeconds:F1}% of wall, most at once {MostAtOnce.GetValueOrDefault(device.Device)}, in use now {device.InUse}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lease cost beyond the objective (accelerator made or taken back, leftovers freed, bookkeeping): {1000 * (leased - objective) / Math.Max(1, trials):F1} ms per trial"));
        if (!FreeAtStart.IsEmpty)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"free device memory at trial start (each trial leaves {leftAllocated >> 20} MiB allocated): min {FreeAtStart.Min() >> 20} MiB, max {FreeAtStart.Max() >> 20} MiB over {FreeAtStart.Count} trials"));
        }

        var first = result.Trials.FirstOrDefault(t => t.State == TrialState.Failed);
        if (first is not null)
        {
            Console.WriteLine("first failure: " + first.Error);
        }

        return result.Count(TrialState.Complete) == trials ? 0 : 1;
    }

    private static void Step(Index1D index, ArrayView<float> values, float rate) => values[index] += rate * (1f - values[index]);

    /// <summary>Prints warnings (the CPU fallback's) to the console.</summary>
    private sealed class ConsoleWarnings : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.WriteLine($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
