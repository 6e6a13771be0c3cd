using System.Globalization;

namespace AttrHpo;

/// <summary>
/// Runs one trial of an objective on the thread pool, with its timeout and retries, and classifies how it ended.
/// Never throws for the objective's faults.
/// </summary>
internal static class TrialRunner
{
    /// <summary>How long past its timeout a trial that ignores cancellation is waited for before it is abandoned.</summary>
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(5);

    /// <param name="invoke">Runs the objective once.</param>
    /// <param name="timeout">The limit on each attempt.</param>
    /// <param name="retry">Which failures run again, and how often.</param>
    /// <param name="beforeRetry">Called before each attempt after the first.</param>
    /// <param name="cancellationToken">Stops the trial.</param>
    public static async Task<TrialOutcome> RunAsync(
        Func<CancellationToken, ValueTask<double>> invoke, TimeSpan? timeout, RetryPolicy? retry, Action? beforeRetry, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, retry?.MaxAttempts ?? 1);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await RunOnceAsync(invoke, timeout, cancellationToken).ConfigureAwait(false);
            var retryable = outcome is { State: TrialState.Failed, Exception: { } exception }
                && attempt < attempts
                && (retry!.ShouldRetry?.Invoke(exception) ?? true);
            if (!retryable)
            {
                return attempt > 1 && outcome.State == TrialState.Failed
                    ? outcome with { Error = $"{outcome.Error} (attempt {attempt} of {attempts})" }
                    : outcome;
            }

            try
            {
                await Task.Delay(retry!.Delay * Math.Pow(2, attempt - 1), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return TrialOutcome.Cancelled("Cancelled: the study was stopped.");
            }

            beforeRetry?.Invoke();
        }
    }

    private static async Task<TrialOutcome> RunOnceAsync(Func<CancellationToken, ValueTask<double>> invoke, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var trialToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            trialToken.CancelAfter(limit);
        }

        try
        {
            // Task.Run: a synchronous objective must not hold the study's loop, and several must run at once. Not given the
            // token: on a busy thread pool the timeout could otherwise cancel the work item before the objective ever runs,
            // and the trial would be reported for ignoring a token it never saw.
            var running = Task.Run(() => invoke(trialToken.Token).AsTask());
            var value = timeout is { } t
                ? await running.WaitAsync(t + AbandonAfter, cancellationToken).ConfigureAwait(false)
                : await running.ConfigureAwait(false);
            return double.IsFinite(value)
                ? TrialOutcome.Complete(value)
                : TrialOutcome.Failed($"The objective returned {value.ToString(CultureInfo.InvariantCulture)}; return a finite number, or throw to fail the trial.", null);
        }
        catch (TrialPrunedException pruned)
        {
            return TrialOutcome.Pruned(pruned.LastReport);
        }
        catch (TimeoutException)
        {
            return TrialOutcome.Failed(
                $"Timed out after {timeout}: the objective ignored its cancellation token and was abandoned (it may still be running). Pass the CancellationToken to its loops.",
                null);
        }
        catch (OperationCanceledException exception)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return TrialOutcome.Cancelled("Cancelled: the study was stopped.");
            }

            return trialToken.IsCancellationRequested
                ? TrialOutcome.Failed($"Timed out after {timeout} (StudyOptions.TrialTimeout).", null)
                : TrialOutcome.Cancelled($"Cancelled by the objective: {exception.Message}");
        }
        catch (Exception exception)
        {
            return TrialOutcome.Failed($"{exception.GetType().FullName}: {exception.Message}", exception);
        }
    }
}
