using AttrHpo.ProcessWorker;
using AttrHpo.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttrHpo.Tests.Execution;

/// <summary>Instance objectives with real worker processes (tests/AttrHpo.ProcessWorker): the factory makes each worker's instance.</summary>
public sealed class InstanceObjectiveWorkerTests
{
    [Fact]
    public async Task WorkersRunAnInstanceObjectiveOnTheFactorysInstanceOncePerWorkerWithTheResultsOfInProcess()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 2));

        var through = await Scaled.FitStudy.Create(Scaled.Load(), new StudyOptions { Seed = 5, Executor = executor }).OptimizeAsync(trials: 12, parallelism: 2);
        var inProcess = await Scaled.FitStudy.Create(Scaled.Load(), new StudyOptions { Seed = 5 }).OptimizeAsync(trials: 12, parallelism: 2);

        Assert.Equal(12, through.Count(TrialState.Complete));
        var byWorker = through.Trials.GroupBy(t => ProcessWorkers.Pid(t.Record)).ToList();
        Assert.DoesNotContain(byWorker, w => w.Key == Environment.ProcessId);
        Assert.All(byWorker, w => Assert.Single(w.Select(t => t.Record.Attributes["instance"]).Distinct())); // one instance per worker
        Assert.Equal(inProcess.Trials.Select(t => (t.Parameters, t.Value)), through.Trials.Select(t => (t.Parameters, t.Value)));
    }

    [Fact]
    public async Task WorkersDoNotSeeTheInstanceAStudyWasCreatedFromButTheFactorysOne()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var other = new Scaled(100.0); // not what Load() makes: the study's instance stays in this process

        var through = await Scaled.FitStudy.Create(other, new StudyOptions { Seed = 2, Executor = executor }).OptimizeAsync(trials: 4, parallelism: 1);

        Assert.All(through.Trials, t => Assert.Equal(3.0 * t.Parameters.X * t.Parameters.X, t.Value!.Value, 12));
    }

    [Fact]
    public async Task WorkersResolveAnInstanceObjectiveFromTheServicesTheirProgramGivesThem()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 2));
        var local = new Injected(new InjectedSettings(Factor: 1.0)); // stays in this process; the workers' services make theirs with factor 7

        var through = await Injected.FitStudy.Create(local, new StudyOptions { Seed = 6, Executor = executor }).OptimizeAsync(trials: 10, parallelism: 2);

        Assert.All(through.Trials, t => Assert.Equal(7.0 * t.Parameters.X * t.Parameters.X, t.Value!.Value, 12));
        var byWorker = through.Trials.GroupBy(t => ProcessWorkers.Pid(t.Record)).ToList();
        Assert.DoesNotContain(byWorker, w => w.Key == Environment.ProcessId);
        Assert.All(byWorker, w => Assert.Single(w.Select(t => t.Record.Attributes["instance"]).Distinct())); // registered as a singleton: one per worker
    }

    [Fact]
    public async Task AnInstanceObjectiveWithoutAFactoryFailsInAWorkerWithAMessageThatNamesTheFix()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var objective = Unmade.FitStudy.For(new Unmade());
        var context = new TrialContext("s", 0, 0, NullLogger.Instance);

        var thrown = await Assert.ThrowsAsync<WorkerObjectiveException>(
            () => executor.InvokeAsync(new TrialInvocation(objective, """{"x":0.5}""", context), CancellationToken.None).AsTask());

        Assert.Equal("System.InvalidOperationException", thrown.ExceptionType);
        Assert.Contains("add [ObjectiveFactory] public static Unmade Create() => new(...); to Unmade", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Register Unmade in the worker's services", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, await objective.InvokeJsonAsync("""{"x":0.5}""", context, CancellationToken.None)); // in process it runs on its instance
    }
}
