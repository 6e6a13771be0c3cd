using System.CommandLine;

namespace AttrHpo.Tool;

/// <summary><c>attrhpo report</c> (one self-contained HTML file of a study) and <c>attrhpo dashboard</c> (a live web page over a storage).</summary>
internal static class ReportCommands
{
    public static Command CreateReport(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var output = new Option<FileInfo>("--out", "-o") { Description = "The page to write: an .html file (replaced when it exists).", Required = true, HelpName = "FILE" };
        var command = new Command(
            "report",
            "Write one self-contained HTML page of a stored study: summary, best trial, plots and a sortable, filterable trial table. Opens with no network. Reads the storage only.")
        {
            storage, study, version, output,
        };
        command.Validators.Add(result =>
        {
            var file = result.GetValue(output)?.Name ?? string.Empty;
            if (file.Length > 0 && !file.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--out '{file}' must end in .html: the report is a web page.");
            }
        });
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(opened, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var path = parse.GetRequiredValue(output).FullName;
            var plots = await ToolStorage.PlotsAsync(opened, stored, options: null, cancellationToken).ConfigureAwait(false);
            await plots.ReportAsync(path, cancellationToken).ConfigureAwait(false);
            await io.Output.WriteLineAsync($"Wrote {path}").ConfigureAwait(false);
        }));
        return command;
    }

    public static Command CreateDashboard(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var url = new Option<string>("--url")
        {
            Description = "The address to listen on. Loopback only by default; the dashboard has no sign-in, so listen beyond loopback only on a network you trust.",
            DefaultValueFactory = _ => "http://127.0.0.1:8050",
            HelpName = "URL",
        };
        var refresh = new Option<double>("--refresh") { Description = "Seconds between an open page's checks for new trials.", DefaultValueFactory = _ => 2, HelpName = "SECONDS" };
        refresh.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var seconds && !(seconds >= 0.1 && seconds <= 3600))
            {
                r.AddError("--refresh must be between 0.1 and 3600 seconds.");
            }
        });
        var command = new Command("dashboard", "Serve a live web page of the studies in a storage, updated while they run, until Ctrl+C. Reads the storage only.")
        {
            storage, url, refresh,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            await opened.GetStudiesAsync(cancellationToken).ConfigureAwait(false); // a missing, locked or foreign file fails here, before serving
            await using var dashboard = await StartAsync(opened, parse.GetRequiredValue(url), TimeSpan.FromSeconds(parse.GetValue(refresh)), cancellationToken).ConfigureAwait(false);
            await io.Output.WriteLineAsync($"Dashboard at {dashboard.Address} (Ctrl+C stops it)").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await io.Output.WriteLineAsync("Dashboard stopped.").ConfigureAwait(false); // Ctrl+C is how it ends: exit 0
            }
        }));
        return command;
    }

    private static async Task<StudyDashboard> StartAsync(IStudyStorage storage, string url, TimeSpan refresh, CancellationToken cancellationToken)
    {
        try
        {
            return await StudyDashboard.StartAsync(storage, new DashboardOptions { Url = url, Refresh = refresh }, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new ToolException(ExitCodes.Refused, $"Cannot listen on {url}: {exception.Message} Give another address with --url, such as http://127.0.0.1:8051.");
        }
    }
}
