using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>The conversation of one trial with a worker: the run message, then the worker's messages until the trial's ending.</summary>
internal sealed partial class WorkerProcess
{
    private static byte[] RunMessage(TrialInvocation invocation)
    {
        var context = invocation.Context;
        return WorkerProtocol.Message("run", w =>
        {
            w.WriteString("objective", invocation.Objective.Id);
            w.WritePropertyName("parameters");
            w.WriteRawValue(invocation.ParametersJson);
            w.WriteString("study", context.StudyName);
            w.WriteNumber("number", context.Number);
            w.WriteNumber("seed", context.Seed);
            if (context.Budget is { } budget)
            {
                w.WriteNumber("budget", budget);
            }

            if (context.PromotedFrom is { } from)
            {
                w.WriteNumber("promotedFrom", from);
            }

            w.WriteBoolean("pruning", context.HasPruner);
        });
    }

    /// <summary>
    /// Reads the worker's messages for the current trial until its ending, applying reports, attributes and log messages to
    /// the context and answering checkpoint requests. A fault other than the trial's own ending leaves the conversation out of
    /// step, so the worker is not used again.
    /// </summary>
    private async Task<double> ReadEndingAsync(TrialContext context, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var message = await ReceiveAsync().ConfigureAwait(false);
                if (await ApplyAsync(message.RootElement, context).ConfigureAwait(false) is { } ending)
                {
                    return Ending(ending, context, cancellationToken);
                }
            }
        }
        catch (Exception exception) when (exception is not (EndingException or WorkerProcessException))
        {
            _broken = true;
            throw;
        }
        catch (EndingException ending)
        {
            throw ending.InnerException!;
        }
    }

    /// <summary>Applies a message that is not an ending and returns null, or returns the ending (a copy: the message is disposed).</summary>
    private async Task<JsonElement?> ApplyAsync(JsonElement m, TrialContext context)
    {
        switch (WorkerProtocol.TypeOf(m))
        {
            case "report":
                context.Report(m.GetProperty("step").GetInt64(), WorkerProtocol.GetDouble(m, "value"));
                if (m.GetProperty("wait").GetBoolean())
                {
                    var prune = context.ShouldPrune;
                    await TrySendAsync(WorkerProtocol.Message("verdict", w => w.WriteBoolean("prune", prune))).ConfigureAwait(false);
                }

                return null;
            case "attribute":
                context.SetAttribute(m.GetProperty("key").GetString()!, m.GetProperty("value").GetString()!);
                return null;
            case "log":
                var level = (LogLevel)m.GetProperty("level").GetInt32();
                if (context.Logger.IsEnabled(level))
                {
                    var text = m.TryGetProperty("exception", out var exception)
                        ? $"{m.GetProperty("message").GetString()}{Environment.NewLine}{exception.GetString()}"
                        : m.GetProperty("message").GetString() ?? string.Empty;
                    context.Logger.Log(level, new EventId(m.GetProperty("event").GetInt32()), text, null, (t, _) => t);
                }

                return null;
            case "save":
                await AnswerAsync(async () =>
                {
                    await context.SaveCheckpointAsync(m.GetProperty("state").GetBytesFromBase64(), CancellationToken.None).ConfigureAwait(false);
                    return _ => { };
                }).ConfigureAwait(false);
                return null;
            case "load":
                await AnswerAsync(async () =>
                {
                    var checkpoint = await context.LoadCheckpointAsync(CancellationToken.None).ConfigureAwait(false);
                    return w =>
                    {
                        if (checkpoint is not null)
                        {
                            w.WriteBase64String("state", checkpoint.State.Span);
                            if (checkpoint.Budget is { } budget)
                            {
                                w.WriteNumber("budget", budget);
                            }
                        }
                    };
                }).ConfigureAwait(false);
                return null;
            default:
                return m.Clone();
        }
    }

    /// <summary>The trial's value, or (wrapped in an <see cref="EndingException"/>) the exception it ended with.</summary>
    private double Ending(JsonElement m, TrialContext context, CancellationToken cancellationToken)
    {
        var type = WorkerProtocol.TypeOf(m);
        if (type == "result")
        {
            return WorkerProtocol.GetDouble(m, "value");
        }

        Exception ending = type switch
        {
            "pruned" => new TrialPrunedException(context.Number, context.Reports is [.., var last] ? last : null),
            "cancelled" when m.GetProperty("requested").GetBoolean() => new OperationCanceledException(m.GetProperty("message").GetString(), cancellationToken),
            "cancelled" => new OperationCanceledException(m.GetProperty("message").GetString()),
            "failed" => new WorkerObjectiveException($"{m.GetProperty("exception").GetString()}: {m.GetProperty("message").GetString()} (in worker process {ProcessId})")
            {
                ExceptionType = m.GetProperty("exception").GetString() ?? string.Empty,
                Detail = m.GetProperty("detail").GetString() ?? string.Empty,
                ProcessId = ProcessId,
            },
            "refused" => new KeyNotFoundException(m.GetProperty("message").GetString()),
            _ => throw new InvalidDataException($"Worker process {ProcessId} sent an unknown message: {WorkerProtocol.Shorten(m.GetRawText())}."),
        };
        throw new EndingException(ending);
    }

    /// <summary>Answers a checkpoint request: what <paramref name="answer"/> writes, or the error it threw.</summary>
    private async Task AnswerAsync(Func<Task<Action<Utf8JsonWriter>>> answer)
    {
        byte[] message;
        try
        {
            var body = await answer().ConfigureAwait(false);
            message = WorkerProtocol.Message("answer", body);
        }
        catch (Exception exception) when (exception is InvalidOperationException or CheckpointException or IOException)
        {
            message = WorkerProtocol.Message("answer", w => w.WriteString("error", $"{exception.GetType().FullName}: {exception.Message}"));
        }

        await TrySendAsync(message).ConfigureAwait(false);
    }

    /// <summary>Carries the exception a trial ended with past the reader's own fault handling.</summary>
    private sealed class EndingException(Exception ending) : Exception(ending.Message, ending);
}
