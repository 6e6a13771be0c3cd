using System.Collections.Concurrent;
using AttrHpo.Tests.Support;
using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo.Tests.Execution;

/// <summary>
/// One accelerator per device slot, lent trial after trial, and the allocation scope that frees what a trial left: on ILGPU's
/// CPU accelerator, with the device's memory measured by what the executor's scopes hold (<see cref="DeviceUsage.TrackedBytes"/>).
/// </summary>
public sealed class GpuAcceleratorReuseTests
{
    private const int Floats = 1 << 16;

    [Fact]
    public async Task A_trial_that_leaks_a_buffer_leaves_the_next_trial_the_memory_and_accelerator_the_study_started_with()
    {
        await using var executor = new GpuExecutor(new GpuExecutorOptions { SelectDevice = _ => false, CpuAcceleratorDevices = 1, CpuSlots = 0 });
        var atStudyStart = executor.Devices[0].TrackedBytes;
        var seen = new ConcurrentQueue<Seen>();
        var objective = new GpuTestObjective((_, trial, _) =>
        {
            var atStart = executor.Devices[0].TrackedBytes;
            var accelerator = trial.Accelerator;
            var buffer = trial.Allocations.Allocate1D<float>(Floats);
            buffer.MemSetToZero();
            var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(Fill);
            kernel((int)buffer.Length, buffer.View, trial.Number);
            accelerator.Synchronize();
            var sum = buffer.GetAsArray1D().Sum();
            var whileHeld = executor.Devices[0].TrackedBytes;
            if (trial.Number % 2 == 1)
            {
                buffer.Dispose(); // a tidy trial: the scope leaves it alone
            }

            seen.Enqueue(new Seen(trial.Number, accelerator, buffer, atStart, whileHeld));
            return ValueTask.FromResult<double>(sum);
        });

        var result = await Study.Create(objective, new StudyOptions { Seed = 4, Executor = executor }).OptimizeAsync(trials: 6, parallelism: 1);

        Assert.All(result.Trials, t => Assert.Equal((TrialState.Complete, t.Number * (double)Floats), (t.State, t.Value!.Value)));
        var trials = seen.OrderBy(s => s.Number).ToList();
        Assert.Equal(0L, atStudyStart);
        Assert.All(trials, s => Assert.Equal(atStudyStart, s.AtStart)); // the leaks of trials 0, 2 and 4 were freed before the next began
        Assert.All(trials, s => Assert.Equal(Floats * sizeof(float), s.WhileHeld)); // the measure sees a trial's buffer
        Assert.All(trials, s => Assert.True(s.Buffer.IsDisposed));
        Assert.Single(trials.Select(s => s.Accelerator).Distinct()); // one accelerator for the slot, lent to every trial
        Assert.False(trials[0].Accelerator.IsDisposed);
        Assert.Equal((1, 6, 0L), (executor.Devices[0].AcceleratorsMade, executor.Devices[0].Leases, executor.Devices[0].TrackedBytes));
    }

    [Fact]
    public async Task Each_slot_of_a_shared_device_keeps_its_own_accelerator_and_a_scope_refuses_allocations_after_its_lease()
    {
        await using var executor = new GpuExecutor(new GpuExecutorOptions { SelectDevice = _ => false, CpuAcceleratorDevices = 1, TrialsPerDevice = 2, CpuSlots = 0 });
        var scopes = new ConcurrentQueue<(Accelerator Accelerator, TrialAllocations Scope)>();
        var objective = new GpuTestObjective(async (_, trial, ct) =>
        {
            scopes.Enqueue((trial.Accelerator, trial.Allocations));
            trial.Allocations.Allocate1D<int>(256);
            await Task.Delay(5, ct);
            return 0;
        });

        await Study.Create(objective, new StudyOptions { Executor = executor }).OptimizeAsync(trials: 12, parallelism: 2);

        Assert.InRange(executor.Devices[0].AcceleratorsMade, 1, 2); // never more than the trials running at once on it
        Assert.InRange(scopes.Select(s => s.Accelerator).Distinct().Count(), 1, 2);
        Assert.All(scopes, s => Assert.Equal(0, s.Scope.LiveBuffers));
        var late = scopes.First().Scope;
        Assert.Throws<ObjectDisposedException>(() => late.Allocate1D<int>(16));
        Assert.Equal(0L, executor.Devices[0].TrackedBytes);
    }

    [Fact]
    public async Task Without_reuse_every_lease_gets_a_fresh_accelerator_disposed_with_everything_on_it()
    {
        await using var executor = new GpuExecutor(new GpuExecutorOptions { SelectDevice = _ => false, CpuSlots = 0, ReuseAccelerators = false });
        var leased = new ConcurrentQueue<(Accelerator Accelerator, MemoryBuffer Direct)>();
        var objective = new GpuTestObjective((_, trial, _) =>
        {
            leased.Enqueue((trial.Accelerator, trial.Accelerator.Allocate1D<float>(Floats))); // directly, not through the scope
            return ValueTask.FromResult(1.0);
        });

        await Study.Create(objective, new StudyOptions { Executor = executor }).OptimizeAsync(trials: 3, parallelism: 1);

        Assert.Equal(3, leased.Select(l => l.Accelerator).Distinct().Count());
        Assert.All(leased, l => Assert.True(l.Accelerator.IsDisposed && l.Direct.IsDisposed));
        Assert.Equal(3, executor.Devices[0].AcceleratorsMade);
    }

    private static void Fill(Index1D index, ArrayView<float> values, float value) => values[index] = value;

    private sealed record Seen(int Number, Accelerator Accelerator, MemoryBuffer Buffer, long AtStart, long WhileHeld);
}
