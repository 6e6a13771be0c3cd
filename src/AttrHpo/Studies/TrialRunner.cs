using System.Globalization;

namespace AttrHpo;

/// <summary>Runs one trial of an objective on the thread pool and classifies how it ended. Never throws for the objective's faults.</summary>
internal static class TrialRunner
{
    public static async Task<TrialOutcome> RunAsync(Func<CancellationToken, ValueTask<double>> invoke, CancellationToken cancellationToken)
    {
        try
        {
            // Task.Run: a synchronous objective must not hold the study's loop, and several must run at once.
            var value = await Task.Run(() => invoke(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            return double.IsFinite(value)
                ? TrialOutcome.Complete(value)
                : TrialOutcome.Failed($"The objective returned {value.ToString(CultureInfo.InvariantCulture)}; return a finite number, or throw to fail the trial.", null);
        }
        catch (OperationCanceledException exception)
        {
            return TrialOutcome.Cancelled(cancellationToken.IsCancellationRequested
                ? "Cancelled: the study was stopped."
                : $"Cancelled by the objective: {exception.Message}");
        }
        catch (Exception exception)
        {
            return TrialOutcome.Failed($"{exception.GetType().FullName}: {exception.Message}", exception);
        }
    }
}
