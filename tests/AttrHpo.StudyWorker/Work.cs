namespace AttrHpo.StudyWorker;

/// <summary>The objective the workers run: cheap, with a sleep (--sleep-ms) standing in for training.</summary>
public static partial class Work
{
    /// <summary>A smooth function of two parameters, after a pause.</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> RunAsync(
        [Hyperparameter(-1.0, 1.0)] double x,
        [Hyperparameter(1, 64)] int width,
        CancellationToken cancellationToken)
    {
        var arguments = WorkerArguments.Current;
        if (arguments.HangAfter is { } hangAfter && arguments.Started.Next() > hangAfter)
        {
            Console.WriteLine("hanging");
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        if (WorkerArguments.Current.TrialSleep > TimeSpan.Zero)
        {
            await Task.Delay(WorkerArguments.Current.TrialSleep, cancellationToken).ConfigureAwait(false);
        }

        return (x * x) + (1.0 / width);
    }
}
