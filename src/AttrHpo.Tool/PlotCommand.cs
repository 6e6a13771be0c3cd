using System.CommandLine;

namespace AttrHpo.Tool;

/// <summary><c>attrhpo plot KIND</c>: one of the AttrHpo.Plots plots of a stored study, as SVG or PNG.</summary>
internal static class PlotCommand
{
    private static readonly string[] Kinds = ["history", "parallel-coordinates", "slice", "contour", "importance", "intermediate-values", "rungs", "timeline"];

    public static Command Create(ToolOutput io, SharedOptions shared)
    {
        var kind = new Argument<string>("KIND") { HelpName = "KIND", Description = $"The plot: {string.Join(", ", Kinds)}." };
        kind.AcceptOnlyFromAmong(Kinds);
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var output = new Option<FileInfo>("--out", "-o") { Description = "The image to write: a .svg or .png file (replaced when it exists).", Required = true, HelpName = "FILE" };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter: one for slice, two (x, then y) for contour.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var width = new Option<int>("--width") { Description = "The image's width in pixels.", DefaultValueFactory = _ => 800 };
        var height = new Option<int>("--height") { Description = "The image's height in pixels.", DefaultValueFactory = _ => 600 };
        foreach (var size in (Option<int>[])[width, height])
        {
            size.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() is < 100 or > 10_000)
                {
                    r.AddError($"{size.Name} must be between 100 and 10000 pixels.");
                }
            });
        }

        var command = new Command("plot", "Draw a plot of a stored study (the AttrHpo.Plots package) to an SVG or PNG file. Reads the storage only.")
        {
            kind, storage, study, version, output, parameters, width, height,
        };
        command.Validators.Add(result =>
        {
            var given = result.GetValue(parameters) ?? [];
            switch (result.GetValue(kind))
            {
                case "slice" when given.Length != 1:
                    result.AddError("plot slice needs one parameter: --param NAME.");
                    break;
                case "contour" when given.Length != 2:
                    result.AddError("plot contour needs two parameters: --param X --param Y.");
                    break;
                case not ("slice" or "contour") when given.Length > 0:
                    result.AddError($"plot {result.GetValue(kind)} takes no --param; only slice and contour do.");
                    break;
            }

            var file = result.GetValue(output)?.Name ?? string.Empty; // what the command line gave: read before any default applies
            if (file.Length > 0 && !file.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--out '{file}' must end in .svg or .png: the extension chooses the image format.");
            }

        });
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(opened, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var path = parse.GetRequiredValue(output).FullName;
            var plots = await ToolStorage.PlotsAsync(opened, stored, new PlotOptions { Width = parse.GetValue(width), Height = parse.GetValue(height) }, cancellationToken).ConfigureAwait(false);
            var given = parse.GetValue(parameters) ?? [];
            try
            {
                await (parse.GetRequiredValue(kind) switch
                {
                    "history" => plots.HistoryAsync(path, cancellationToken),
                    "parallel-coordinates" => plots.ParallelCoordinatesAsync(path, cancellationToken),
                    "slice" => plots.SliceAsync(path, given[0], cancellationToken),
                    "contour" => plots.ContourAsync(path, given[0], given[1], cancellationToken),
                    "importance" => plots.ImportanceAsync(path, cancellationToken),
                    "intermediate-values" => plots.IntermediateValuesAsync(path, cancellationToken),
                    "rungs" => plots.RungsAsync(path, cancellationToken),
                    _ => plots.TimelineAsync(path, cancellationToken),
                }).ConfigureAwait(false);
            }
            catch (ArgumentException exception)
            {
                throw new ToolException(ExitCodes.Usage, exception.Message); // an unknown parameter: the message lists the space's
            }
            catch (InvalidOperationException exception)
            {
                throw new ToolException(ExitCodes.Refused, exception.Message); // not the trials the plot needs: the message says what to do
            }

            await io.Output.WriteLineAsync($"Wrote {path}").ConfigureAwait(false);
        }));
        return command;
    }
}
