using AttrHpo.Tests.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Tests.Trials;

/// <summary>What an executor lends a trial (a device), read by the objective or by generated code as a typed resource.</summary>
public sealed class TrialResourceTests
{
    private sealed class Device(string name)
    {
        public string Name { get; } = name;
    }

    [Fact]
    public void AnAttachedResourceIsReadByItsTypeUntilItsScopeEnds()
    {
        var trial = new TrialContext("s", 3, 0, NullLogger.Instance);
        var device = new Device("gpu0");

        using (trial.AttachResource(device))
        {
            Assert.Same(device, trial.GetResource<Device>());
            Assert.True(trial.TryGetResource<Device>(out var found));
            Assert.Same(device, found);
            Assert.False(trial.TryGetResource<string>(out _));
        }

        Assert.False(trial.TryGetResource<Device>(out _));
    }

    [Fact]
    public void DisposingAScopeTwiceRemovesOnlyItsOwnResource()
    {
        var trial = new TrialContext("s", 0, 0, NullLogger.Instance);
        var first = trial.AttachResource(new Device("a"));
        first.Dispose();
        using var second = trial.AttachResource(new Device("b"));
        first.Dispose();

        Assert.Equal("b", trial.GetResource<Device>().Name);
    }

    [Fact]
    public void AMissingResourceNamesTheTrialTheTypeAndThePackageThatLeasesDevices()
    {
        var trial = new TrialContext("s", 7, 0, NullLogger.Instance);

        var error = Assert.Throws<InvalidOperationException>(() => trial.GetResource<Device>());

        Assert.Contains(typeof(Device).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("AttrHpo.Gpu", error.Message, StringComparison.Ordinal);
        Assert.Contains("GpuExecutor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGpuExecutorLendsItsAcceleratorOnlyForTheTrialsRun()
    {
        await using var executor = new GpuExecutor(new GpuExecutorOptions { CpuAcceleratorDevices = 1 });
        var trial = new TrialContext("s", 0, 0, NullLogger.Instance);
        ILGPU.Runtime.Accelerator? seen = null;
        var objective = new GpuTestObjective((_, context, _) =>
        {
            seen = context.Accelerator;
            return ValueTask.FromResult(0.0);
        });

        await executor.InvokeAsync(new TrialInvocation(objective, objective.DecodeToJson([.. Enumerable.Repeat(0.5, objective.Space.Dimensions.Count)]), trial), CancellationToken.None);

        Assert.NotNull(seen);
        Assert.False(trial.TryGetResource<ILGPU.Runtime.Accelerator>(out _));
    }
}
