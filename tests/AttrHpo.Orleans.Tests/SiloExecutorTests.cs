using System.Globalization;

namespace AttrHpo.Orleans.Tests;

/// <summary>
/// A silo's trials run through its <see cref="AttrHpoSiloOptions.Executor"/>: a silo with a GPU executor (two CPU stand-in
/// devices here) is leased a device per trial, and only such a silo asks for trials of an objective that needs one.
/// </summary>
public sealed class SiloExecutorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ADeviceObjectiveRunsOnlyOnTheSiloWhoseExecutorLeasesDevicesEachTrialOnADeviceOfItsOwn()
    {
        await using var gpu = new GpuExecutor(new GpuExecutorOptions { SelectDevice = _ => false, CpuAcceleratorDevices = 2, CpuSlots = 1 });
        var named = new List<string>();
        await using var fixture = await ClusterFixture.StartAsync(silos: 2, slots: 2, executors: name =>
        {
            lock (named)
            {
                named.Add(name);
                return named.Count == 1 ? gpu : null; // the first silo built has the devices, the other none
            }
        });
        var gpuSilo = fixture.Cluster.Silos.Single(s => s.Name == named[0]);

        var devices = await fixture.Cluster.Client.RunStudyAsync(
            DeviceObjectives.OnDeviceStudy.Objective, new ClusterStudyOptions { Name = "devices", Trials = 12, Seed = 2, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);
        // An objective without a device runs on both silos: on the GPU silo, in its executor's CPU slot.
        var plain = await fixture.Cluster.Client.RunStudyAsync(
            ClusterObjectives.QuadraticStudy.Objective, new ClusterStudyOptions { Name = "plain", Trials = 12, Seed = 2, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.Equal(12, devices.Complete);
        var trials = await fixture.TrialsAsync("devices");
        Assert.All(trials, t => Assert.Equal(ClusterFixture.WorkerOf(gpuSilo), t.Worker)); // never asked for by the silo without devices
        Assert.All(trials, t => Assert.Equal("yes", t.Attributes["standIn"]));
        Assert.Equal(["0", "1"], trials.Select(t => t.Attributes["index"]).Distinct().Order());
        // One trial per device at a time: the trials on each device never overlap.
        foreach (var onDevice in trials.GroupBy(t => t.Attributes["index"]))
        {
            var ordered = onDevice.Select(t => (t.Number, From: long.Parse(t.Attributes["from"], CultureInfo.InvariantCulture), To: long.Parse(t.Attributes["to"], CultureInfo.InvariantCulture)))
                .OrderBy(t => t.From).ToArray();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(
                pair.First.To <= pair.Second.From,
                string.Create(CultureInfo.InvariantCulture, $"trials {pair.First.Number} and {pair.Second.Number} ran on device {onDevice.Key} at once")));
        }

        Assert.Equal(12, plain.Complete);
        Assert.Equal(2, (await fixture.TrialsAsync("plain")).Select(t => t.Worker).Distinct().Count());
    }

    [Fact]
    public async Task ATrialThatCrashesItsWorkerProcessFailsAloneAndTheSiloRunsTheRest()
    {
        await using var processes = new ProcessExecutor(new ProcessExecutorOptions { Program = typeof(AttrHpo.ProcessWorker.Faults).Assembly.Location, Slots = 2 });
        await using var fixture = await ClusterFixture.StartAsync(silos: 1, slots: 2, executors: _ => processes);

        // Trial 3 ends its process with Environment.FailFast: the silo, which sent it there, goes on.
        var status = await fixture.Cluster.Client.RunStudyAsync(
            ClusterFixture.Objectives.Get("AttrHpo.ProcessWorker.Faults.FailFastOnTrial3"),
            new ClusterStudyOptions { Name = "isolated", Trials = 8, Seed = 1, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.True(status.Finished);
        Assert.Equal((7, 1), (status.Complete, status.Failed));
        var trials = await fixture.TrialsAsync("isolated");
        var crashed = Assert.Single(trials, t => t.State == TrialState.Failed);
        Assert.Equal(3, crashed.Number);
        Assert.Contains("exited during the trial", crashed.Error, StringComparison.Ordinal);
        var pids = trials.Where(t => t.State == TrialState.Complete).Select(t => int.Parse(t.Attributes["pid"], CultureInfo.InvariantCulture)).ToArray();
        Assert.DoesNotContain(Environment.ProcessId, pids); // every trial ran in a worker process, none in the silo's
    }

    [Fact]
    public async Task MoreWorkerSlotsThanTheExecutorHasAreRefusedNamingTheFix()
    {
        await using var executor = new ProcessExecutor(new ProcessExecutorOptions { Slots = 2 });
        var options = new AttrHpoSiloOptions { Objectives = ObjectiveRegistry.FromAssembly(typeof(SiloExecutorTests).Assembly), WorkerSlots = 4, Executor = executor };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Set WorkerSlots = 2", error.Message, StringComparison.Ordinal);
    }
}
