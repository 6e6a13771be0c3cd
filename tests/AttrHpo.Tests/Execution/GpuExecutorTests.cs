using System.Collections.Concurrent;
using AttrHpo.Tests.Support;
using ILGPU;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Tests.Execution;

/// <summary>
/// The GPU executor on ILGPU's CPU accelerator (no GPU is selected, so these run the same on any machine): exclusive leases,
/// release however a trial ends, CPU and GPU trials together, the fallback and the refusal.
/// </summary>
public sealed class GpuExecutorTests
{
    [Fact]
    public async Task Under_heavy_concurrency_no_device_ever_runs_two_trials_and_each_trial_records_its_device()
    {
        await using var executor = new GpuExecutor(CpuStandIns(devices: 3) with { CpuSlots = 0 });
        var tracker = new DeviceTracker();
        var objective = new GpuTestObjective(async (_, trial, ct) =>
        {
            using (tracker.Enter(trial))
            {
                await Task.Yield();
                await Task.Delay(1, ct);
            }

            return trial.Number;
        });

        var result = await Study.Create(objective, new StudyOptions { Seed = 1, Executor = executor }).OptimizeAsync(trials: 90, parallelism: 32);

        Assert.Equal(90, result.Count(TrialState.Complete));
        Assert.Equal(["CPU:0", "CPU:1", "CPU:2"], tracker.MostAtOnce.Keys.Select(k => k[..5]).Order());
        Assert.All(tracker.MostAtOnce.Values, most => Assert.Equal(1, most));
        Assert.All(result.Trials, t => Assert.Matches("^CPU:[0-2] ", t.Record.Attributes[GpuExecutor.DeviceAttribute]));
        Assert.All(executor.Devices, d => Assert.Equal(0, d.InUse));
        Assert.Equal(90, executor.Devices.Sum(d => d.Leases));
    }

    [Fact]
    public async Task A_device_shared_by_configuration_runs_at_most_that_many_trials_at_once()
    {
        await using var executor = new GpuExecutor(CpuStandIns(devices: 1) with { CpuSlots = 0, TrialsPerDevice = 3 });
        var tracker = new DeviceTracker();
        var objective = new GpuTestObjective(async (_, trial, ct) =>
        {
            using (tracker.Enter(trial))
            {
                await Task.Delay(2, ct);
            }

            return 0;
        });

        await Study.Create(objective, new StudyOptions { Executor = executor }).OptimizeAsync(trials: 30, parallelism: 16);

        Assert.Equal(3, executor.Slots);
        Assert.InRange(Assert.Single(tracker.MostAtOnce).Value, 1, 3);
    }

    [Fact]
    public async Task The_lease_and_the_device_memory_are_released_when_a_trial_completes_fails_times_out_or_is_pruned()
    {
        await using var executor = new GpuExecutor(CpuStandIns(devices: 1) with { CpuSlots = 0 });
        var leased = new ConcurrentQueue<(Accelerator Accelerator, MemoryBuffer Buffer)>();
        var objective = new GpuTestObjective(async (_, trial, ct) =>
        {
            leased.Enqueue((trial.Accelerator, trial.Allocations.Allocate1D<float>(1 << 16))); // left for the lease's end to free
            switch (trial.Number)
            {
                case 1:
                    throw new InvalidOperationException("diverged");
                case 2:
                    await Task.Delay(Timeout.Infinite, ct);
                    break;
                case 3:
                    trial.Prune();
                    break;
            }

            return 1;
        });

        var result = await Study.Create(objective, new StudyOptions { Executor = executor, TrialTimeout = TimeSpan.FromSeconds(5) }) // generous: creating an accelerator counts toward it, and on 2 busy cores that took over a second
            .OptimizeAsync(trials: 4, parallelism: 1);

        Assert.Equal(
            [TrialState.Complete, TrialState.Failed, TrialState.Failed, TrialState.Pruned],
            result.Trials.OrderBy(t => t.Number).Select(t => t.State));
        var trials = leased.ToArray();
        Assert.Equal(4, trials.Length);
        Assert.All(trials, l => Assert.True(l.Buffer.IsDisposed));
        Assert.Same(trials[0].Accelerator, trials[1].Accelerator); // reused after a completed trial...
        Assert.True(trials[1].Accelerator.IsDisposed); // ...and disposed after the failed one, whose context may be broken
        Assert.Same(trials[2].Accelerator, trials[3].Accelerator); // a fresh one, reused after a timeout (a cancellation)
        Assert.False(trials[3].Accelerator.IsDisposed); // kept for the next lease until the executor is disposed
        Assert.Equal((0, 4, 2, 0L), (executor.Devices[0].InUse, executor.Devices[0].Leases, executor.Devices[0].AcceleratorsMade, executor.Devices[0].TrackedBytes));
    }

    [Fact]
    public async Task A_cancelled_trial_releases_its_lease_and_the_next_one_gets_the_device()
    {
        await using var executor = new GpuExecutor(CpuStandIns(devices: 1) with { CpuSlots = 0 });
        var running = new TaskCompletionSource<Accelerator>(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new GpuTestObjective(async (_, trial, ct) =>
        {
            running.TrySetResult(trial.Accelerator);
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        });
        using var cancel = new CancellationTokenSource();

        var trial = executor.InvokeAsync(Invocation(objective, 0), cancel.Token).AsTask();
        var accelerator = await running.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trial);
        Assert.False(accelerator.IsDisposed); // a cancelled trial leaves the accelerator usable: the device slot keeps it
        Assert.Equal(0, executor.Devices[0].InUse);
        var next = new GpuTestObjective((_, t, _) => ValueTask.FromResult<double>(ReferenceEquals(t.Accelerator, accelerator) ? 7 : -1));
        Assert.Equal(7, await executor.InvokeAsync(Invocation(next, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Cpu_trials_and_gpu_trials_share_one_executor_each_on_its_own_kind_of_slot()
    {
        await using var executor = new GpuExecutor(CpuStandIns(devices: 2) with { CpuSlots = 2 });
        var cpuSawAccelerator = 0;
        var cpu = TestObjective.FromTrial(trial =>
        {
            try
            {
                _ = trial.Accelerator;
                Interlocked.Increment(ref cpuSawAccelerator);
            }
            catch (InvalidOperationException)
            {
            }

            return 1;
        });

        var both = await Task.WhenAll(
            GpuKernels.RampStudy.Create(new StudyOptions { Name = "gpu", Seed = 5, Executor = executor }).OptimizeAsync(trials: 12, parallelism: 4)
                .ContinueWith(t => t.Result.Trials.Select(r => (r.Record, Expected: r.Parameters.Scale * 32640.0)).ToList(), TaskScheduler.Default),
            Study.Create(cpu, new StudyOptions { Name = "cpu", Executor = executor }).OptimizeAsync(trials: 12, parallelism: 4)
                .ContinueWith(t => t.Result.Trials.Select(r => (r.Record, Expected: 1.0)).ToList(), TaskScheduler.Default));

        Assert.Equal(4, executor.Slots);
        Assert.All(both[0], t => Assert.Equal((TrialState.Complete, t.Expected), (t.Record.State, t.Record.Value!.Value)));
        Assert.All(both[0], t => Assert.StartsWith("CPU:", t.Record.Attributes[GpuExecutor.DeviceAttribute], StringComparison.Ordinal));
        Assert.All(both[1], t => Assert.Equal((TrialState.Complete, false), (t.Record.State, t.Record.Attributes.ContainsKey(GpuExecutor.DeviceAttribute))));
        Assert.Equal(0, cpuSawAccelerator);
        Assert.Equal(12, executor.Devices.Sum(d => d.Leases));
    }

    [Fact]
    public async Task Without_a_gpu_it_falls_back_to_the_cpu_accelerator_and_logs_a_warning()
    {
        var logger = new ListLogger();

        await using var executor = new GpuExecutor(CpuStandIns(devices: 2), logger);

        Assert.True(executor.IsFallback);
        Assert.Equal(2, executor.DeviceSlots);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("run on ILGPU's CPU accelerator", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_gpu_it_refuses_to_start_when_so_configured_and_says_how_to_change_that()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GpuExecutor(CpuStandIns(devices: 1) with { WhenNoGpu = NoGpuBehavior.Refuse }));

        Assert.StartsWith("The GpuExecutor refuses to start: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("WhenNoGpu = NoGpuBehavior.FallBackToCpuAccelerator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_out_of_range_and_a_cpu_trial_without_cpu_slots_are_refused_with_the_option_named()
    {
        Assert.Contains("TrialsPerDevice is 0", Assert.Throws<ArgumentException>(() => new GpuExecutor(new GpuExecutorOptions { TrialsPerDevice = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("MemoryPerTrial (-1)", Assert.Throws<ArgumentException>(() => new GpuExecutor(new GpuExecutorOptions { MemoryPerTrial = -1 })).Message, StringComparison.Ordinal);

        await using var executor = new GpuExecutor(CpuStandIns(devices: 1) with { CpuSlots = 0 });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => executor.InvokeAsync(Invocation(TestObjective.FromFunc(_ => 1), 0), CancellationToken.None).AsTask());
        Assert.Contains("CpuSlots = 0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>No GPU selected, whatever the machine has: CPU accelerators stand in.</summary>
    private static GpuExecutorOptions CpuStandIns(int devices) => new() { SelectDevice = _ => false, CpuAcceleratorDevices = devices };

    private static TrialInvocation Invocation(TestObjective objective, int number) =>
        new(objective, objective.ToJson(objective.Decode([0.5, 0.5, 0.5, 0.5])), new TrialContext("study", number, 1, NullLogger.Instance));

    /// <summary>Counts trials running on each device (by the device the executor recorded) and keeps the most seen at once.</summary>
    private sealed class DeviceTracker
    {
        private readonly ConcurrentDictionary<string, int> _running = new();

        public ConcurrentDictionary<string, int> MostAtOnce { get; } = new();

        public IDisposable Enter(TrialContext trial)
        {
            Assert.False(trial.Accelerator.IsDisposed);
            var device = trial.Attributes[GpuExecutor.DeviceAttribute];
            var now = _running.AddOrUpdate(device, 1, (_, n) => n + 1);
            MostAtOnce.AddOrUpdate(device, now, (_, most) => Math.Max(most, now));
            return new Leave(() => _running.AddOrUpdate(device, 0, (_, n) => n - 1));
        }

        private sealed class Leave(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
