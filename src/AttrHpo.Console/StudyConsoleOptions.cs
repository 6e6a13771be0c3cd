using Spectre.Console;

namespace AttrHpo;

/// <summary>How <see cref="StudyConsole"/> shows a running study. Every property has a sensible default.</summary>
public sealed record StudyConsoleOptions
{
    /// <summary>The shortest <see cref="RefreshInterval"/>: faster redraws only cost CPU.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest <see cref="RefreshInterval"/>.</summary>
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>Where to write; Spectre.Console's <see cref="AnsiConsole.Console"/> (standard output) when not set.</summary>
    public IAnsiConsole? Console { get; init; }

    /// <summary>Live panel or plain lines; <see cref="StudyDisplayMode.Auto"/> (chosen from the console's capabilities) by default.</summary>
    public StudyDisplayMode Mode { get; init; } = StudyDisplayMode.Auto;

    /// <summary>How often the live panel is redrawn. Default 250 ms; from 20 ms to 1 minute.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether the call handles Ctrl+C (SIGINT) itself while it runs. Default on: the first press stops starting trials, cancels
    /// the running ones (recorded as cancelled: run the study again to continue), shows the summary and ends the process with
    /// exit code 130, as an interrupted command-line program does; a second press ends it at once. Turn it off to handle
    /// Ctrl+C yourself through the call's cancellation token (then the call throws <see cref="OperationCanceledException"/>).
    /// </summary>
    public bool HandleInterrupt { get; init; } = true;

    /// <summary>Refuses options that cannot work, naming the property and what it accepts.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(
                nameof(Mode), Mode, $"StudyConsoleOptions.Mode is {(int)Mode}, which is not a StudyDisplayMode: use Auto, Live or Plain.");
        }

        if (RefreshInterval < MinRefreshInterval || RefreshInterval > MaxRefreshInterval)
        {
            throw new ArgumentOutOfRangeException(
                nameof(RefreshInterval),
                RefreshInterval,
                $"StudyConsoleOptions.RefreshInterval is {RefreshInterval}; use a value from {MinRefreshInterval.TotalMilliseconds} ms to {MaxRefreshInterval.TotalMinutes} minute.");
        }
    }
}
