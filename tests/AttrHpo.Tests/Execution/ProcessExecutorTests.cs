using AttrHpo.ProcessWorker;
using AttrHpo.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Tests.Execution;

/// <summary>The process executor with real worker processes (tests/AttrHpo.ProcessWorker): trials, reports, refusals.</summary>
public sealed class ProcessExecutorTests
{
    [Fact]
    public async Task TrialsRunInLongLivedWorkerProcessesAndGetTheSameResultsAsInProcess()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 2));

        var through = await Faults.SquareStudy.Create(new StudyOptions { Seed = 5, Executor = executor }).OptimizeAsync(trials: 12, parallelism: 2);
        var inProcess = await Faults.SquareStudy.Create(new StudyOptions { Seed = 5 }).OptimizeAsync(trials: 12, parallelism: 2);

        Assert.Equal(12, through.Count(TrialState.Complete));
        var pids = through.Trials.Select(t => ProcessWorkers.Pid(t.Record)).ToList();
        Assert.DoesNotContain(Environment.ProcessId, pids);
        Assert.InRange(pids.Distinct().Count(), 1, 2); // no respawn per trial: two workers served twelve trials
        Assert.Equal(inProcess.Trials.Select(t => (t.Parameters, t.Value)), through.Trials.Select(t => (t.Parameters, t.Value)));
    }

    [Fact]
    public async Task AnObjectivesExceptionComesBackWithItsTypeAndMessageAndTheWorkerStays()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));

        var thrown = await Assert.ThrowsAsync<WorkerObjectiveException>(() => InvokeAsync(executor, "Throw", """{"x":0.25}""").AsTask());
        var after = new TrialContext("s", 1, 0, NullLogger.Instance);
        await executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("Square"), """{"x":0.5,"width":2}""", after), CancellationToken.None);

        Assert.Equal("System.InvalidOperationException", thrown.ExceptionType);
        Assert.StartsWith("System.InvalidOperationException: x was 0.25 (in worker process ", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(thrown.ProcessId, int.Parse(after.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AnUnknownObjectiveIdIsRefusedByTheWorker()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var unknown = new TestObjective((_, _, _) => ValueTask.FromResult(0.0), id: "Not.Registered.Anywhere");
        var json = unknown.ToJson(unknown.Decode([0.5, 0.5, 0.5, 0.5]));

        var refused = await Assert.ThrowsAsync<KeyNotFoundException>(
            () => executor.InvokeAsync(new TrialInvocation(unknown, json, new TrialContext("s", 0, 0, NullLogger.Instance)), CancellationToken.None).AsTask());

        Assert.Contains("'Not.Registered.Anywhere'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AttrHpo.ProcessWorker.Faults.Square", refused.Message, StringComparison.Ordinal); // lists what is registered
        Assert.Equal(0.25 + 0.5, await InvokeAsync(executor, "Square", """{"x":0.5,"width":2}"""));
    }

    [Fact]
    public async Task ReportsReachTheStudyAsTheyHappenAndItsPruningRuleStopsTrialsInWorkers()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        StudyOptions Options(ITrialExecutor? through) =>
            new() { Seed = 7, Executor = through, Pruning = Pruning.SuccessiveHalving(minResource: 1, reductionFactor: 3) };

        var inWorkers = await Faults.EpochsStudy.Create(Options(executor)).OptimizeAsync(trials: 20, parallelism: 1);
        var inProcess = await Faults.EpochsStudy.Create(Options(null)).OptimizeAsync(trials: 20, parallelism: 1);

        Assert.InRange(inWorkers.Count(TrialState.Pruned), 5, 19);
        Assert.Equal(
            inProcess.Trials.Select(t => (t.State, t.Value, string.Join(' ', t.Record.Reports))),
            inWorkers.Trials.Select(t => (t.State, t.Value, string.Join(' ', t.Record.Reports))));
    }

    [Fact]
    public async Task EachWorkerIsPinnedToItsSlotsGpuAndProcessorShare()
    {
        var options = ProcessWorkers.Options(slots: 2) with
        {
            GpuDevices = [3, 5],
            ProcessorsPerWorker = 1,
            Environment = slot => new Dictionary<string, string> { ["ATTRHPO_TEST_SLOT"] = slot.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        await using var executor = new ProcessExecutor(options);

        var result = await Pinning.RecordStudy.Create(new StudyOptions { Seed = 1, Executor = executor }).OptimizeAsync(trials: 8, parallelism: 2);

        Assert.All(result.Trials, t => Assert.Equal("1", t.Record.Attributes["processors"]));
        var pairs = result.Trials.Select(t => (t.Record.Attributes["slot"], t.Record.Attributes["gpu"])).Distinct().ToList();
        Assert.All(pairs, p => Assert.Contains(p, new[] { ("0", "3"), ("1", "5") }));

        // A trial that takes a GpuDevice is leased, in its worker, the one GPU the worker sees: index 0 in the process, and
        // the machine's GPU that CUDA_VISIBLE_DEVICES pinned the worker to (the CPU stands in for it on a machine without one).
        var leased = await Pinning.RecordDeviceStudy.Create(new StudyOptions { Seed = 2, Executor = executor }).OptimizeAsync(trials: 8, parallelism: 2);

        Assert.All(leased.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(leased.Trials, t => Assert.Equal(
            ("0", t.Record.Attributes["gpu"]),
            (t.Record.Attributes["index"], t.Record.Attributes["machine"])));
        Assert.All(leased.Trials, t => Assert.Contains((t.Record.Attributes["slot"], t.Record.Attributes["gpu"]), new[] { ("0", "3"), ("1", "5") }));
    }

    [Fact]
    public async Task AnObjectiveThatTakesAnAcceleratorGetsOneLeasedInItsWorker()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));

        var result = await Devices.SumStudy.Create(new StudyOptions { Seed = 2, Executor = executor }).OptimizeAsync(trials: 3);

        Assert.All(result.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(t.Parameters.Length * (t.Parameters.Length + 1) / 2.0, t.Value);
            Assert.NotEqual(Environment.ProcessId, ProcessWorkers.Pid(t.Record));
            Assert.False(string.IsNullOrEmpty(t.Record.Attributes[GpuExecutor.DeviceAttribute])); // the device, recorded as in process
        });
    }

    [Fact]
    public async Task AProgramThatIsNotAWorkerIsReportedClearly()
    {
        // The study worker of the storage tests is a program whose Main does not call WorkerHost: it prints its usage and exits.
        var notAWorker = typeof(StudyWorkerProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "StudyWorkerPath").Value!;
        await using var executor = new ProcessExecutor(new ProcessExecutorOptions { Program = notAWorker, Slots = 1 });

        var failed = await Assert.ThrowsAsync<WorkerProcessException>(() => executor.StartAsync());

        Assert.Contains("before it connected", failed.Message, StringComparison.Ordinal);
        Assert.Contains("WorkerHost.TryRunAsync(args)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("--file is required", failed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingProgramIsRefusedWithTheOptionsName()
    {
        var refused = Assert.Throws<ArgumentException>(() => new ProcessExecutor(new ProcessExecutorOptions { Program = "/no/such/worker.dll" }));

        Assert.Contains("ProcessExecutorOptions.Program", refused.Message, StringComparison.Ordinal);
    }

    private static ValueTask<double> InvokeAsync(ProcessExecutor executor, string method, string json) =>
        executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective(method), json, new TrialContext("s", 0, 0, NullLogger.Instance)), CancellationToken.None);
}
