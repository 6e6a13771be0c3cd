using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// In a worker, a trial's link to the study that runs it: sends its reports, attributes and log messages as they happen, and
/// asks the study to save and load its checkpoints. When the study has an early-stopping rule, a report waits for the rule's
/// verdict, so that <see cref="TrialContext.ShouldPrune"/> means in a worker what it means in process.
/// </summary>
internal sealed class WorkerTrialSink(WorkerConnection connection, bool waitForVerdicts, CancellationToken trialStop)
    : ITrialContextSink, ICheckpointStore, ILogger, IDisposable
{
    private readonly SemaphoreSlim _verdictArrived = new(0, 1);
    private readonly SemaphoreSlim _asking = new(1, 1);
    private bool _verdict;
    private TaskCompletionSource<JsonElement>? _answer;

    public bool Reported(long step, double value)
    {
        connection.Send(WorkerProtocol.Message("report", w =>
        {
            w.WriteNumber("step", step);
            WorkerProtocol.WriteDouble(w, "value", value);
            w.WriteBoolean("wait", waitForVerdicts);
        }));
        if (!waitForVerdicts)
        {
            return false;
        }

        // Report is synchronous (called inside the objective's loop): it blocks until the reader hands over the verdict.
        _verdictArrived.Wait(trialStop);
        return Volatile.Read(ref _verdict);
    }

    public void AttributeSet(string key, string value) =>
        connection.Send(WorkerProtocol.Message("attribute", w =>
        {
            w.WriteString("key", key);
            w.WriteString("value", value);
        }));

    /// <summary>The study's verdict on the last report, from the reader.</summary>
    public void Verdict(bool prune)
    {
        Volatile.Write(ref _verdict, prune);
        _verdictArrived.Release();
    }

    /// <summary>The study's answer to the last checkpoint request, from the reader.</summary>
    public void Answer(JsonElement answer) => Volatile.Read(ref _answer)?.TrySetResult(answer.Clone());

    public async ValueTask SaveAsync(string study, TrialCheckpoint checkpoint, CancellationToken cancellationToken) =>
        await AskAsync(
            WorkerProtocol.Message("save", w =>
            {
                if (checkpoint.Budget is { } budget)
                {
                    w.WriteNumber("budget", budget);
                }

                w.WriteBase64String("state", checkpoint.State.Span);
            }),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<TrialCheckpoint?> LoadAsync(string study, int trial, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(WorkerProtocol.Message("load", w => w.WriteNumber("trial", trial)), cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("state", out var state)
            ? new TrialCheckpoint(trial, WorkerProtocol.GetOptionalInt64(answer, "budget"), state.GetBytesFromBase64())
            : null;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        connection.Send(WorkerProtocol.Message("log", w =>
        {
            w.WriteNumber("level", (int)logLevel);
            w.WriteNumber("event", eventId.Id);
            w.WriteString("message", formatter(state, exception));
            if (exception is not null)
            {
                w.WriteString("exception", exception.ToString());
            }
        }));
    }

    public void Dispose()
    {
        _verdictArrived.Dispose();
        _asking.Dispose();
    }

    /// <summary>Sends a request and waits for the study's answer; an answer with an error throws it.</summary>
    private async Task<JsonElement> AskAsync(byte[] request, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, trialStop);
        await _asking.WaitAsync(stop.Token).ConfigureAwait(false);
        try
        {
            var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _answer, answer);
            await connection.SendAsync(request, stop.Token).ConfigureAwait(false);
            var result = await answer.Task.WaitAsync(stop.Token).ConfigureAwait(false);
            return result.TryGetProperty("error", out var error)
                ? throw new InvalidOperationException($"The study could not keep this trial's checkpoint: {error.GetString()}")
                : result;
        }
        finally
        {
            Volatile.Write(ref _answer, null);
            _asking.Release();
        }
    }
}
