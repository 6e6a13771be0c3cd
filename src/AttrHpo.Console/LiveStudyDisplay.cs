using Spectre.Console;

namespace AttrHpo;

/// <summary>Redraws <see cref="LivePanel"/> while an optimisation call runs, and leaves its final state on screen.</summary>
internal static class LiveStudyDisplay
{
    /// <summary>Shows the panel until <paramref name="run"/> ends, however it ends; never throws what <paramref name="run"/> throws.</summary>
    /// <param name="console">Where to draw.</param>
    /// <param name="monitor">The call's counts.</param>
    /// <param name="run">The optimisation call.</param>
    /// <param name="interval">How often to redraw.</param>
    /// <param name="cancellation">The caller's token: once cancelled, the panel says that the running trials are being stopped.</param>
    public static Task ShowAsync(IAnsiConsole console, StudyMonitor monitor, Task run, TimeSpan interval, CancellationToken cancellation) =>
        console.Live(LivePanel.Render(monitor.Snapshot(), PanelWidth(console), time: monitor.Time))
            .AutoClear(false)
            .StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    if (cancellation.IsCancellationRequested)
                    {
                        monitor.Cancelling();
                    }

                    context.UpdateTarget(LivePanel.Render(monitor.Snapshot(), PanelWidth(console), time: monitor.Time));
                    context.Refresh();
                    await Task.WhenAny(run, Task.Delay(interval, CancellationToken.None)).ConfigureAwait(false);
                }

                // LiveDisplay refreshes once more after this returns, and leaves the last frame on screen.
                var (status, failure) = RunOutcome.Of(run);
                monitor.Stopped(status);
                context.UpdateTarget(LivePanel.Render(monitor.Snapshot(), PanelWidth(console), failure, monitor.Time));
            });

    /// <summary>
    /// Two columns short of the console (read at each frame, so a resized terminal is followed): the terminal's <c>^C</c>
    /// echo then fits after the panel's last line, which the next frame erases, instead of wrapping onto a new line that
    /// would push every later frame one line down and leave a stray border above the summary.
    /// </summary>
    private static int PanelWidth(IAnsiConsole console) => Math.Max(console.Profile.Width - 2, 40);
}
