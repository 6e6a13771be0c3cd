using AttrHpo.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AttrHpo.Tests.Execution;

/// <summary>What a trial in a worker does through its context reaches the study: log messages, and checkpoints both ways.</summary>
public sealed class ProcessExecutorContextTests
{
    [Fact]
    public async Task CheckpointsAndLogMessagesCrossTheProcessBoundary()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var objective = ObjectiveRegistry.FromAssembly(typeof(ProcessWorker.Faults).Assembly).Get("AttrHpo.ProcessWorker.Resumable.ResumeAsync");
        var store = new MemoryCheckpointStore();
        var logger = new ListLogger();

        var first = await executor.InvokeAsync(
            new TrialInvocation(objective, """{"x":0}""", new TrialContext("ck", 0, 0, logger) { Checkpoints = store }), CancellationToken.None);
        var promoted = await executor.InvokeAsync(
            new TrialInvocation(objective, """{"x":0}""", new TrialContext("ck", 1, 0, logger) { Checkpoints = store, PromotedFrom = 0 }), CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(2, promoted); // read the checkpoint trial 0 saved through the study's store
        Assert.Equal([2], (await store.LoadAsync("ck", 1, CancellationToken.None))!.State.ToArray());
        Assert.Equal(["Warning trial 0 resumes from 0", "Warning trial 1 resumes from 1"], logger.Lines);
    }

    [Fact]
    public async Task ACheckpointWithoutAStoreFailsTheTrialWithTheStudysReason()
    {
        await using var executor = new ProcessExecutor(ProcessWorkers.Options(slots: 1));
        var objective = ObjectiveRegistry.FromAssembly(typeof(ProcessWorker.Faults).Assembly).Get("AttrHpo.ProcessWorker.Resumable.ResumeAsync");

        var failed = await Assert.ThrowsAsync<WorkerObjectiveException>(() => executor.InvokeAsync(
            new TrialInvocation(objective, """{"x":0}""", new TrialContext("ck", 0, 0, new ListLogger())), CancellationToken.None).AsTask());

        Assert.Contains("has nowhere to keep checkpoints", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>Keeps "Level message" lines.</summary>
    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{logLevel} {formatter(state, exception)}");
            }
        }
    }
}
