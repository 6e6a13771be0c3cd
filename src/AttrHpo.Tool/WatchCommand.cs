using System.CommandLine;
using Spectre.Console;

namespace AttrHpo.Tool;

/// <summary><c>attrhpo watch</c>: the live console panel of a study that runs elsewhere, read from its storage until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var mode = new Option<string>("--mode")
        {
            Description = "live: the panel, redrawn in place; plain: a line for the study, then one per finished trial; auto: live on a terminal, plain when redirected.",
            DefaultValueFactory = _ => "auto",
        };
        mode.AcceptOnlyFromAmong("auto", "live", "plain");
        var refresh = new Option<double>("--refresh") { Description = "Seconds between reads of the storage.", DefaultValueFactory = _ => 1, HelpName = "SECONDS" };
        refresh.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var seconds && !(seconds >= 0.1 && seconds <= 60))
            {
                r.AddError("--refresh must be between 0.1 and 60 seconds.");
            }
        });
        var command = new Command(
            "watch",
            "Show a study that runs elsewhere as it runs: its trials by state, its best trial, and each running trial's last reported " +
            "step and value, until Ctrl+C (exit 0). Reads the storage only.")
        {
            storage, study, version, mode, refresh,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(opened, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Output) });
            var display = new StudyConsoleOptions
            {
                Console = console,
                Mode = parse.GetRequiredValue(mode) switch { "live" => StudyDisplayMode.Live, "plain" => StudyDisplayMode.Plain, _ => StudyDisplayMode.Auto },
                RefreshInterval = TimeSpan.FromSeconds(parse.GetValue(refresh)),
                HandleInterrupt = false, // System.CommandLine turns Ctrl+C into the cancellation token
            };
            await opened.WatchAsync(stored, display, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
