using System.Runtime.ExceptionServices;
using Spectre.Console;

namespace AttrHpo;

/// <summary>
/// Runs a study while showing its progress on the console: a live panel on an interactive terminal, one line per finished
/// trial when the output is redirected (a CI log stays readable). See <see cref="StudyDisplayMode"/>.
/// </summary>
/// <example>
/// <code>
/// var result = await study.OptimizeWithConsoleAsync(trials: 200, parallelism: 8, cancellationToken: stop.Token);
/// </code>
/// </example>
public static partial class StudyConsole
{
    /// <summary>
    /// Runs <paramref name="trials"/> more trials as <see cref="Study{TParameters}.OptimizeAsync(int, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/>
    /// does, showing their progress on the console.
    /// </summary>
    /// <typeparam name="TParameters">The generated parameters record.</typeparam>
    /// <param name="study">The study to run.</param>
    /// <param name="trials">How many trials this call finishes (at least 1; earlier runs' trials do not count), as <see cref="StopCondition.MoreTrials"/> counts them.</param>
    /// <param name="parallelism">How many trials this call may run at once (at least 1); by default the executor's slots, or 1 without an executor.</param>
    /// <param name="display">Where and how to show progress; standard output, live or plain as it suits, when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the study as <c>OptimizeAsync</c>'s token does; the display still ends with a summary.</param>
    /// <returns>The study's result, as <c>OptimizeAsync</c> returns it.</returns>
    /// <remarks>
    /// Ctrl+C is handled by the call (<see cref="StudyConsoleOptions.HandleInterrupt"/>): the first press cancels the running
    /// trials, which are recorded, shows the summary and ends the process with exit code 130; a second press ends it at once.
    /// Whatever the call ends with (a result, cancellation, an exception, which is rethrown), the display ends with a summary:
    /// the live panel stays on screen with the final counts and status, or a summary line follows the trial lines. Log to
    /// another stream than the display's while a live panel is shown, or the log lines and the panel get mixed.
    /// </remarks>
    public static Task<StudyResult<TParameters>> OptimizeWithConsoleAsync<TParameters>(
        this Study<TParameters> study,
        int trials,
        int? parallelism = null,
        StudyConsoleOptions? display = null,
        CancellationToken cancellationToken = default)
        where TParameters : notnull
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "Run at least one trial.");
        }

        return study.OptimizeWithConsoleAsync(StopCondition.MoreTrials(trials), parallelism, display, cancellationToken);
    }

    /// <summary>
    /// Runs <see cref="Study{TParameters}.OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/>
    /// until <paramref name="stop"/> holds, showing its progress on the console. The remaining time is estimated only when
    /// <paramref name="stop"/> sets a trial budget or a wall time.
    /// </summary>
    /// <typeparam name="TParameters">The generated parameters record.</typeparam>
    /// <param name="study">The study to run.</param>
    /// <param name="stop">When to stop starting trials, for example <c>StopCondition.MoreTrials(200) | StopCondition.WallTime(TimeSpan.FromHours(1))</c>.</param>
    /// <param name="parallelism">How many trials this call may run at once (at least 1); by default the executor's slots, or 1 without an executor.</param>
    /// <param name="display">Where and how to show progress; standard output, live or plain as it suits, when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the study as <c>OptimizeAsync</c>'s token does; the display still ends with a summary.</param>
    /// <returns>The study's result, as <c>OptimizeAsync</c> returns it.</returns>
    /// <remarks>As <see cref="OptimizeWithConsoleAsync{TParameters}(Study{TParameters}, int, int?, StudyConsoleOptions?, CancellationToken)"/>.</remarks>
    public static async Task<StudyResult<TParameters>> OptimizeWithConsoleAsync<TParameters>(
        this Study<TParameters> study,
        StopCondition stop,
        int? parallelism = null,
        StudyConsoleOptions? display = null,
        CancellationToken cancellationToken = default)
        where TParameters : notnull
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(stop);
        var slots = study.ResolveParallelism(parallelism);
        if (slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Parallelism is the number of trials that may run at once: at least 1.");
        }

        display ??= new StudyConsoleOptions();
        display.Validate();
        var console = display.Console ?? AnsiConsole.Console;
        var live = ShowsLive(display.Mode, console);
        var lines = console.Profile.Out.Writer;

        var earlier = await study.GetTrialsAsync(cancellationToken).ConfigureAwait(false);
        var time = study.Options.TimeProvider ?? TimeProvider.System;
        var monitor = new StudyMonitor(
            study.Name,
            study.Objective.Direction,
            stop,
            slots,
            earlier.Select(t => t.Record),
            time,
            live ? null : (trial, newBest) => lines.WriteLine(ReportFormat.TrialLine(trial, newBest)),
            live ? null : others => lines.WriteLine($"waiting for {ReportFormat.Waiting(others, time)}"))
        {
            Metric = study.Objective.Name,
        };

        // The display stops the study if it breaks, so that no study runs on unseen after the call has returned.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = display.HandleInterrupt ? InterruptHandler.Register(stopping) : null;
        var run = study.OptimizeAsync(stop, slots, progress: null, monitor, stopping.Token);
        ExceptionDispatchInfo? displayFault = null;
        try
        {
            if (live)
            {
                await LiveStudyDisplay.ShowAsync(console, monitor, run, display.RefreshInterval, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                var (status, failure) = RunOutcome.Of(run);
                monitor.Stopped(status);
                await lines.WriteLineAsync(ReportFormat.SummaryLine(monitor.Snapshot(), failure)).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            displayFault = ExceptionDispatchInfo.Capture(exception);
            await stopping.CancelAsync().ConfigureAwait(false);
            await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _ = run.Exception; // observed: the display's fault is the one to report
        }

        displayFault?.Throw();
        if (interrupt is { Interrupted: true } && !cancellationToken.IsCancellationRequested)
        {
            await console.Profile.Out.Writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            Environment.Exit(InterruptHandler.ExitCode); // Ctrl+C: the trials are recorded and the summary shown
        }

        return await run.ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="mode"/> shows the live panel on <paramref name="console"/>.</summary>
    internal static bool ShowsLive(StudyDisplayMode mode, IAnsiConsole console) => mode switch
    {
        StudyDisplayMode.Live => true,
        StudyDisplayMode.Plain => false,
        _ => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi,
    };
}
