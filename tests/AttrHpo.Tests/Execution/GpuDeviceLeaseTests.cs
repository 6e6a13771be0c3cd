using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Execution;

/// <summary>
/// The <see cref="GpuDevice"/> lease for code that is not ILGPU's: a stand-in native library is handed the leased index, two
/// CPU stand-in devices serve four trials at once, and no index is ever used by two trials at a time.
/// </summary>
public sealed class GpuDeviceLeaseTests
{
    [Fact]
    public async Task A_native_library_is_handed_a_valid_leased_index_and_never_one_in_use_by_another_trial()
    {
        // Four slots in all (two device slots, two CPU slots) so that the study runs four trials at once: two must wait for a device.
        await using var executor = new GpuExecutor(new GpuExecutorOptions { SelectDevice = _ => false, CpuAcceleratorDevices = 2, CpuSlots = 2 });
        var library = new StandInNativeLibrary(devices: 2);

        var result = await NativeTrainer.TrainStudy.Create(new NativeTrainer(library), new StudyOptions { Seed = 3, Executor = executor })
            .OptimizeAsync(trials: 16, parallelism: 4);

        Assert.Equal(4, executor.Slots);
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State)); // the library threw on an index in use or out of range otherwise
        Assert.Equal(16, library.Used.Count);
        Assert.Equal([0, 1], library.Used.Distinct().Order());
        Assert.All(result.Trials, t => Assert.Equal(
            (t.Record.Attributes["index"], nameof(GpuDeviceKind.CpuStandIn)),
            (t.Record.Attributes[GpuExecutor.DeviceAttribute][4..5], t.Record.Attributes["kind"]))); // "CPU:1 ..." was leased index 1
        Assert.All(executor.Devices, d => Assert.Equal(0, d.AcceleratorsMade)); // a GpuDevice alone makes no ILGPU accelerator
        Assert.Equal([0, 1], executor.Devices.Select(d => d.Lease!.Index));
    }

    [Fact]
    public async Task Without_a_device_executor_a_trial_that_takes_a_GpuDevice_fails_naming_the_fix()
    {
        var study = NativeTrainer.TrainStudy.Create(new NativeTrainer(new StandInNativeLibrary(devices: 1)), new StudyOptions { Seed = 1 });

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeAsync(trials: 1));

        Assert.Contains("holds no AttrHpo.GpuDevice", error.Message, StringComparison.Ordinal);
        Assert.Contains("StudyOptions.Executor = new GpuExecutor(...)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 2, 2)]
    [InlineData("3,5", 0, 3)]
    [InlineData("3, 5", 1, 5)]
    [InlineData("3", 1, null)]
    [InlineData("GPU-8e3c5a2b-0000-4e5e-9d2c-000000000000", 0, null)]
    [InlineData("", 0, null)]
    public void The_machine_index_is_the_CUDA_VISIBLE_DEVICES_entry_at_the_process_index(string? visible, int index, int? machine) =>
        Assert.Equal(machine, DeviceDiscovery.MachineIndex(visible, index));
}
