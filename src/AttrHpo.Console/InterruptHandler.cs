namespace AttrHpo;

/// <summary>
/// Ctrl+C while a study runs on the console: the first press cancels <c>stopping</c> (running trials are cancelled and
/// recorded, the display ends with its summary) and keeps the process alive until then; a second press lets the runtime end
/// the process at once. Registered for one call, removed when disposed.
/// </summary>
internal sealed class InterruptHandler : IDisposable
{
    /// <summary>The exit code of a program stopped by SIGINT: 128 + 2.</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _stopping;
    private int _presses;

    private InterruptHandler(CancellationTokenSource stopping)
    {
        _stopping = stopping;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Whether Ctrl+C was pressed during the call.</summary>
    public bool Interrupted => Volatile.Read(ref _presses) > 0;

    /// <summary>Handles Ctrl+C until disposed.</summary>
    public static InterruptHandler Register(CancellationTokenSource stopping) => new(stopping);

    public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) == 1)
        {
            e.Cancel = true; // keep running until the running trials are recorded and the summary is shown
            _stopping.Cancel();
        }
    }
}
