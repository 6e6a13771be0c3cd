using System.Diagnostics;
using AttrHpo.ProcessWorker;
using AttrHpo.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Tests.Execution;

/// <summary>Worker processes that die or hang: the trial fails alone with the reason, the pool replaces the process, the study goes on.</summary>
public sealed class ProcessExecutorFaultTests
{
    [Fact]
    public async Task ATrialThatCallsFailFastFailsAloneWithTheReasonAndTheStudyFinishesItsBudget()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 2));

        var result = await Faults.FailFastOnTrial3Study.Create(new StudyOptions { Seed = 1, Executor = executor }).OptimizeAsync(trials: 8, parallelism: 2);

        var crashed = Assert.Single(result.Trials, t => t.State == TrialState.Failed);
        Assert.Equal(3, crashed.Number);
        Assert.Equal(7, result.Count(TrialState.Complete));
        Assert.StartsWith("AttrHpo.WorkerProcessException: Worker process ", crashed.Error, StringComparison.Ordinal);
        Assert.Contains("exited during the trial", crashed.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("SIGABRT", crashed.Error, StringComparison.Ordinal);
        }

        Assert.Contains("trial 3 fails fast on purpose", crashed.Error, StringComparison.Ordinal); // the last lines of its standard error
        var later = result.Trials.Where(t => t.Number > 3).Select(t => ProcessWorkers.Pid(t.Record));
        Assert.DoesNotContain(ProcessWorkers.Pid(crashed.Record), later); // the pid was reported before the crash; replaced since
    }

    [Fact]
    public async Task AStackOverflowFailsItsTrialAndTheNextTrialRunsInANewWorker()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var objective = ObjectiveRegistry.FromAssembly(typeof(Faults).Assembly).Get("AttrHpo.ProcessWorker.Recursion.Overflow");

        var died = await Assert.ThrowsAsync<WorkerProcessException>(() => executor.InvokeAsync(
            new TrialInvocation(objective, """{"x":0.5}""", new TrialContext("overflow", 0, 0, NullLogger.Instance)), CancellationToken.None).AsTask());
        var next = await executor.InvokeAsync(
            new TrialInvocation(objective, """{"x":0.5}""", new TrialContext("overflow", 1, 0, NullLogger.Instance)), CancellationToken.None);

        Assert.Equal(0.5, next);
        Assert.Contains("Stack overflow", died.StandardError, StringComparison.Ordinal);
        Assert.Contains("exited during the trial", died.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerKilledWhileIdleIsReplacedBeforeTheNextTrial()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var first = new TrialContext("idle", 0, 0, NullLogger.Instance);
        await executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("Square"), """{"x":0.5,"width":4}""", first), CancellationToken.None);
        var pid = int.Parse(first.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture);
        using (var worker = Process.GetProcessById(pid))
        {
            worker.Kill();
            await worker.WaitForExitAsync();
        }

        var second = new TrialContext("idle", 1, 0, NullLogger.Instance);
        var value = await executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("Square"), """{"x":0.5,"width":4}""", second), CancellationToken.None);

        Assert.Equal(0.5, value);
        Assert.NotEqual(pid, int.Parse(second.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AWorkerKilledDuringATrialFailsThatTrialAndThePoolRecovers()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var context = new TrialContext("kill", 0, 0, NullLogger.Instance);
        var running = executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("WaitAsync"), """{"x":0.5}""", context), CancellationToken.None).AsTask();
        var pid = await WaitForPidAsync(context, running);

        using (var worker = Process.GetProcessById(pid))
        {
            worker.Kill(); // SIGKILL on Linux
        }

        var died = await Assert.ThrowsAsync<WorkerProcessException>(() => running);
        var next = new TrialContext("kill", 1, 0, NullLogger.Instance);
        var value = await executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("Square"), """{"x":0.5,"width":4}""", next), CancellationToken.None);

        Assert.Equal(0.5, value);
        Assert.NotEqual(pid, int.Parse(next.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(137, died.ExitCode);
            Assert.Contains("SIGKILL", died.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AHungTrialIsKilledAtItsTimeoutAndItsWorkerReplaced()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1) with { CancelGrace = TimeSpan.FromMilliseconds(300) });
        await executor.StartAsync();
        var options = new StudyOptions { Seed = 2, Executor = executor, TrialTimeout = TimeSpan.FromSeconds(8) }; // room for a worker to start on 2 busy cores

        var result = await Faults.HangOnTrial1Study.Create(options).OptimizeAsync(trials: 4, parallelism: 1);

        var hung = Assert.Single(result.Trials, t => t.State == TrialState.Failed);
        Assert.Equal(1, hung.Number);
        Assert.Contains("Timed out after", hung.Error, StringComparison.Ordinal);
        Assert.Equal(3, result.Count(TrialState.Complete));
        var hungPid = ProcessWorkers.Pid(hung.Record);
        Assert.Equal(hungPid, ProcessWorkers.Pid(result.Trials[0].Record)); // reused until it hung
        Assert.All(result.Trials.Where(t => t.Number > 1), t => Assert.NotEqual(hungPid, ProcessWorkers.Pid(t.Record)));
        Assert.True(HasExited(hungPid), $"The hung worker {hungPid} is still running.");
    }

    [Fact]
    public async Task ACancelledTrialThatHonoursItsTokenKeepsItsWorker()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        using var stop = new CancellationTokenSource();
        var context = new TrialContext("cancel", 0, 0, NullLogger.Instance);
        var running = executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("WaitAsync"), """{"x":0.5}""", context), stop.Token).AsTask();
        var pid = await WaitForPidAsync(context, running);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var next = new TrialContext("cancel", 1, 0, NullLogger.Instance);
        await executor.InvokeAsync(new TrialInvocation(ProcessWorkers.Objective("Square"), """{"x":0.5,"width":4}""", next), CancellationToken.None);

        Assert.Equal(pid, int.Parse(next.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until the running trial has recorded its worker's pid (attributes cross as they are set).</summary>
    private static async Task<int> WaitForPidAsync(TrialContext context, Task running)
    {
        var patience = Stopwatch.StartNew();
        while (!context.Attributes.ContainsKey("pid"))
        {
            Assert.False(running.IsCompleted, $"The trial ended before it recorded its pid: {running.Exception}");
            Assert.True(patience.Elapsed < ProcessWorkers.Patience, "The trial did not record its pid in time.");
            await Task.Delay(10);
        }

        return int.Parse(context.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
