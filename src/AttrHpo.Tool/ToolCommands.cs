using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace AttrHpo.Tool;

/// <summary>The <c>attrhpo</c> command line: its commands, their shared options, and how failures become exit codes.</summary>
internal static class ToolCommands
{
    /// <summary>Runs the tool with <paramref name="args"/>, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = Build(new ToolOutput(output, error));
        var parse = root.Parse(args);
        var errors = parse.Action as ParseErrorAction;
        if (errors is not null)
        {
            // A command-line error goes to standard error alone, so standard output stays empty (typo corrections go there too).
            errors.ShowHelp = false;
            errors.ShowTypoCorrections = false;
        }

        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
        if (errors is not null)
        {
            await error.WriteLineAsync($"Run '{string.Join(' ', Path(parse.CommandResult))} --help' for usage.").ConfigureAwait(false);
        }

        return code;
    }

    private static List<string> Path(SymbolResult? result)
    {
        var names = new List<string>();
        for (; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        return names;
    }

    /// <summary>
    /// The root command, named <c>attrhpo</c> whatever process runs it (a <see cref="RootCommand"/> takes the executable's name,
    /// which is <c>AttrHpo.Tool</c> under the tool's shim and the test host in tests), with help and version options.
    /// </summary>
    public static Command Build(ToolOutput io)
    {
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait while another process holds a SQLite file locked, or a PostgreSQL server does not answer, before giving up with exit code 3.",
            DefaultValueFactory = _ => 10,
            HelpName = "SECONDS",
            Recursive = true,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var seconds && !(seconds > 0 && seconds <= 86_400))
            {
                result.AddError("--timeout must be more than 0 and at most 86400 seconds.");
            }
        });
        var root = new Command(
            "attrhpo",
            "attrhpo: look at AttrHpo studies kept in a SQLite file or a PostgreSQL database: list them, their trials and best " +
            "trial, plot them, write an HTML report, serve a live dashboard, watch one run, export and import them; and hunt: tune any program's hyperparameters. " +
            "Exit codes: 0 done, 1 usage error, 2 not found (file, study, version), " +
            "3 storage locked or unreachable, 4 refused (not a study file, a study that exists, a plot without the trials it needs), 5 every trial of a hunt failed.")
        {
            timeout,
            new HelpOption(),
            new VersionOption(),
        };
        var shared = new SharedOptions(timeout);
        root.Add(StudiesCommand.Create(io, shared));
        root.Add(TrialsCommands.CreateTrials(io, shared));
        root.Add(TrialsCommands.CreateBest(io, shared));
        root.Add(PlotCommand.Create(io, shared));
        root.Add(ReportCommands.CreateReport(io, shared));
        root.Add(ReportCommands.CreateDashboard(io, shared));
        root.Add(WatchCommand.Create(io, shared));
        root.Add(TransferCommands.CreateExport(io, shared));
        root.Add(TransferCommands.CreateImport(io, shared));
        root.Add(HuntCommand.Create(io, shared));
        return root;
    }

    /// <summary>Runs a command's body: a failure is one line on the error writer and its exit code, never a stack trace.</summary>
    public static async Task<int> GuardAsync(ToolOutput io, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            await io.Error.WriteLineAsync("attrhpo: cancelled.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception exception)
        {
            var (code, message) = ToolStorage.Describe(exception);
            await io.Error.WriteLineAsync($"attrhpo: error: {message}").ConfigureAwait(false);
            return code;
        }
    }
}

/// <summary>Where a command writes its results and its errors.</summary>
internal sealed record ToolOutput(TextWriter Output, TextWriter Error);

/// <summary>Makes the options several commands take, one instance per command.</summary>
internal sealed class SharedOptions(Option<double> timeout)
{
    public Option<double> Timeout { get; } = timeout;

    public static Option<string> Storage(string description = "Where the studies are: " + ToolStorage.LocationForms + ".") =>
        new("--storage", "-s") { Description = description, Required = true, HelpName = "LOCATION" };

    public static Option<string> Study(bool required = true) =>
        new("--study") { Description = "The study's name.", Required = required, HelpName = "NAME" };

    public static Option<int?> Version() => new("--version")
    {
        Description = "The study's version (after its search space changed); its latest when not given.",
        HelpName = "N",
        Validators = { r => { if (r.GetValueOrDefault<int?>() is < 1) { r.AddError("--version must be 1 or more."); } } },
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format", "-f") { Description = $"How to write it: {string.Join(", ", formats)}.", DefaultValueFactory = _ => formats[0] };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public TimeSpan Wait(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(Timeout));
}
