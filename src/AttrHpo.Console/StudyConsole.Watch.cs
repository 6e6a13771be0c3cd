using Spectre.Console;

namespace AttrHpo;

public static partial class StudyConsole
{
    /// <summary>
    /// Shows a study that runs elsewhere (other processes, other machines) as it runs, read from its storage: the live panel
    /// of <c>OptimizeWithConsoleAsync</c> on an interactive terminal, with the whole study's counts, its best trial and each
    /// running trial's last reported step and value; otherwise a line for the study as it stands, then one line per trial
    /// that finishes. Only reads the storage. Runs until <paramref name="cancellationToken"/> is cancelled or, when
    /// <see cref="StudyConsoleOptions.HandleInterrupt"/> is on (the default), until Ctrl+C; then it shows a last frame or
    /// summary line and returns normally. <c>attrhpo watch</c> calls it.
    /// </summary>
    /// <param name="storage">The study's storage; open it read-only when it allows (<c>SqliteStudyStorageOptions.ReadOnly</c>).</param>
    /// <param name="study">The study version to watch, one of <see cref="IStudyStorage.GetStudiesAsync(CancellationToken)"/>'s.</param>
    /// <param name="display">Where and how to show it; standard output, live or plain as it suits, when <see langword="null"/>. The storage is read at every <see cref="StudyConsoleOptions.RefreshInterval"/>.</param>
    /// <param name="cancellationToken">Stops watching; the study itself is not touched.</param>
    /// <returns>A task that ends when watching stops; it faults when the storage cannot be read.</returns>
    public static async Task WatchAsync(
        this IStudyStorage storage, StoredStudy study, StudyConsoleOptions? display = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(study);
        display ??= new StudyConsoleOptions();
        display.Validate();
        var console = display.Console ?? AnsiConsole.Console;
        var watched = new WatchedStudy(study, TimeProvider.System);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = display.HandleInterrupt ? InterruptHandler.Register(stopping) : null;
        var first = watched.Apply(await storage.GetChangesAsync(study.StorageName, 0, cancellationToken).ConfigureAwait(false));
        if (ShowsLive(display.Mode, console))
        {
            await console.Live(Frame(watched, console, over: false))
                .AutoClear(false)
                .StartAsync(async context =>
                {
                    while (await PollAsync(storage, study, watched, display.RefreshInterval, stopping.Token).ConfigureAwait(false) is not null)
                    {
                        context.UpdateTarget(Frame(watched, console, over: false));
                        context.Refresh();
                    }

                    context.UpdateTarget(Frame(watched, console, over: true));
                }).ConfigureAwait(false);
            return;
        }

        var lines = console.Profile.Out.Writer;
        await lines.WriteLineAsync(ReportFormat.WatchLine(watched.Snapshot(over: false), first.Count)).ConfigureAwait(false);
        while (await PollAsync(storage, study, watched, display.RefreshInterval, stopping.Token).ConfigureAwait(false) is { } finished)
        {
            foreach (var (trial, newBest) in finished)
            {
                await lines.WriteLineAsync(ReportFormat.TrialLine(trial, newBest)).ConfigureAwait(false);
            }
        }

        await lines.WriteLineAsync(ReportFormat.SummaryLine(watched.Snapshot(over: true), failure: null)).ConfigureAwait(false);
    }

    /// <summary>Waits one interval and reads what changed; <see langword="null"/> once <paramref name="stop"/> is cancelled.</summary>
    private static async Task<IReadOnlyList<(TrialRecord Trial, bool NewBest)>?> PollAsync(
        IStudyStorage storage, StoredStudy study, WatchedStudy watched, TimeSpan interval, CancellationToken stop)
    {
        try
        {
            await Task.Delay(interval, stop).ConfigureAwait(false);
            return watched.Apply(await storage.GetChangesAsync(study.StorageName, watched.Version, stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Spectre.Console.Rendering.IRenderable Frame(WatchedStudy watched, IAnsiConsole console, bool over) =>
        LivePanel.Render(watched.Snapshot(over), Math.Max(console.Profile.Width - 2, 40));
}
