using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AttrHpo;

/// <summary>The panel <see cref="StudyConsole"/> redraws while a study runs on an interactive console, and leaves as its summary.</summary>
internal static class LivePanel
{
    private static readonly Style Label = new(decoration: Decoration.Bold);
    private static readonly Style Dim = new(Color.Grey);

    /// <summary>How many running trials the panel lists one per row.</summary>
    private const int MaxRunningRows = 8;

    /// <summary>Renders a snapshot. Dynamic text goes into <see cref="Text"/>, never markup, so parameters cannot inject styles.</summary>
    /// <param name="snapshot">What to show.</param>
    /// <param name="width">The panel's width in columns.</param>
    /// <param name="failure">What the call threw, shown when it failed.</param>
    /// <param name="time">The study's clock, for the local time at which other workers' leases end; the system's by default.</param>
    public static IRenderable Render(ProgressSnapshot snapshot, int width, Exception? failure = null, TimeProvider? time = null)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn());

        if (snapshot.Metric is { } metric)
        {
            grid.AddRow(new Text("Objective", Label), new Text(ReportFormat.Objective(metric, snapshot.Direction)));
        }

        grid.AddRow(new Text("Trials", Label), new Text(Progress(snapshot)));
        grid.AddRow(new Text(string.Empty), Counts(snapshot));
        if (snapshot.Earlier > 0)
        {
            grid.AddRow(new Text(string.Empty), new Text($"{ReportFormat.Trials(snapshot.Earlier)} from earlier runs", Dim));
        }

        if (snapshot.Status == ProgressStatus.Running)
        {
            // All that is left is trials under other workers' leases: say whose, and until when, rather than seem stuck.
            for (var i = 0; i < snapshot.WaitingFor.Count; i++)
            {
                grid.AddRow(
                    new Text(i == 0 ? "Waiting" : string.Empty, Label),
                    new Text("for " + ReportFormat.Waiting(snapshot.WaitingFor[i], time ?? TimeProvider.System), new Style(Color.Yellow)));
            }
        }

        if (!snapshot.IsOver)
        {
            AddRunning(grid, snapshot, (time ?? TimeProvider.System).GetUtcNow());
        }

        if (snapshot.Best is { } best)
        {
            grid.AddRow(
                new Text("Best", Label),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{ReportFormat.Value(best.Value)} (trial {best.Number})"), new Style(Color.Green, decoration: Decoration.Bold)));
            grid.AddRow(new Text(string.Empty), new Text(ReportFormat.Parameters(best.ParametersJson)));
        }
        else
        {
            grid.AddRow(new Text("Best", Label), new Text("none yet", Dim));
        }

        grid.AddRow(new Text(snapshot.Watching ? "Watched" : "Elapsed", Label), new Text(ReportFormat.Clock(snapshot.Elapsed)));
        if (snapshot.Watching)
        {
            if (snapshot.IsOver)
            {
                grid.AddRow(new Text("Status", Label), new Text("stopped watching; the study itself was not touched", Dim));
            }
        }
        else if (snapshot.Status == ProgressStatus.Running)
        {
            grid.AddRow(new Text("Remaining", Label), new Text(ReportFormat.Remaining(snapshot.Remaining)));
        }
        else
        {
            grid.AddRow(new Text("Status", Label), Status(snapshot.Status));
        }

        if (snapshot.Status == ProgressStatus.Failed && failure is not null)
        {
            grid.AddRow(new Text("Error", Label), new Text(ReportFormat.OneLine($"{failure.GetType().Name}: {failure.Message}"), new Style(Color.Red)));
        }

        return new Panel(grid) { Width = width }
            .Header(new PanelHeader(Markup.Escape($" Study {ReportFormat.OneLine(snapshot.StudyName)} ")))
            .RoundedBorder();
    }

    /// <summary>The running trials, by number, each with its last reported step and value: the first few, then how many more.</summary>
    private static void AddRunning(Grid grid, ProgressSnapshot snapshot, DateTimeOffset now)
    {
        var running = snapshot.RunningTrials;
        for (var i = 0; i < Math.Min(running.Count, MaxRunningRows); i++)
        {
            grid.AddRow(new Text(i == 0 ? "Running" : string.Empty, Label), new Text(ReportFormat.RunningTrial(running[i], now)));
        }

        if (running.Count > MaxRunningRows)
        {
            grid.AddRow(new Text(string.Empty), new Text($"and {ReportFormat.Trials(running.Count - MaxRunningRows)} more", Dim));
        }
    }

    private static string Progress(ProgressSnapshot snapshot) => snapshot.Planned is { } planned
        ? string.Create(CultureInfo.InvariantCulture, $"{snapshot.Counted} of {planned} done, {snapshot.Running} running")
        : string.Create(CultureInfo.InvariantCulture, $"{snapshot.Finished} finished, {snapshot.Running} running");

    private static Text Status(ProgressStatus status) => status switch
    {
        ProgressStatus.Cancelling => new Text("cancelling: stopping the running trials", new Style(Color.Yellow)),
        ProgressStatus.Finished => new Text("finished", new Style(Color.Green)),
        ProgressStatus.Cancelled => new Text("cancelled", new Style(Color.Yellow)),
        _ => new Text("stopped by an error", new Style(Color.Red)),
    };

    private static Paragraph Counts(ProgressSnapshot snapshot)
    {
        var counts = new Paragraph();
        Count(counts, snapshot.Complete, "complete", Color.Green, first: true);
        Count(counts, snapshot.Running, "running", Color.Blue);
        Count(counts, snapshot.Failed, "failed", Color.Red);
        Count(counts, snapshot.Pruned, "pruned", Color.Yellow);
        Count(counts, snapshot.Cancelled, "cancelled", Color.Grey);
        return counts;
    }

    private static void Count(Paragraph counts, int count, string label, Color color, bool first = false)
    {
        if (!first)
        {
            counts.Append(", ", Dim);
        }

        counts.Append(string.Create(CultureInfo.InvariantCulture, $"{count} {label}"), count > 0 ? new Style(color) : Dim);
    }
}
