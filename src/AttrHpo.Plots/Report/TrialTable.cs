using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// The report's table of trials: one row per trial, a column per parameter. Each cell carries its sort key
/// (<c>data-v</c>, a number where the column holds numbers) for the page's script.
/// </summary>
internal static class TrialTable
{
    /// <summary>A cell: the text shown, and the number it sorts by when it is one.</summary>
    public readonly record struct Cell(string Text, double? Sort);

    public static void Append(StringBuilder html, PlotData data)
    {
        var names = data.Space.Dimensions.Select(d => d.Name).ToList();
        var budgets = data.Trials.Any(t => t.Budget is not null);
        html.Append("<section id=\"trials\">\n<h2>Trials</h2>\n<div class=\"filters\">")
            .Append("<input id=\"filter\" type=\"search\" placeholder=\"Filter: any text in a row\" aria-label=\"Filter the trials\"> ")
            .Append("<select id=\"state\" aria-label=\"Show trials in this state\"><option value=\"\">every state</option>");
        foreach (var state in data.Trials.Select(t => t.State).Distinct().Order())
        {
            var name = State(state);
            html.Append("<option value=\"").Append(name).Append("\">").Append(name).Append("</option>");
        }

        html.Append("</select> <span id=\"shown\"></span></div>\n<table id=\"trial-table\">\n<thead><tr>");
        string[] headers = ["#", "state", "value", .. names, .. budgets ? new[] { "budget" } : [], "duration (s)", "worker", "error"];
        foreach (var header in headers)
        {
            html.Append("<th>").Append(ReportPage.Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var trial in data.Trials)
        {
            var parameters = Parameters(trial).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            List<Cell> cells =
            [
                new(trial.Number.ToString(CultureInfo.InvariantCulture), trial.Number),
                new(State(trial.State), null),
                trial.Value is { } value ? new(Number(value), value) : new(string.Empty, null),
                .. names.Select(n => parameters.TryGetValue(n, out var cell) ? cell : new Cell(string.Empty, null)),
                .. budgets ? [trial.Budget is { } b ? new Cell(b.ToString(CultureInfo.InvariantCulture), b) : new Cell(string.Empty, null)] : Array.Empty<Cell>(),
                trial.Duration is { } d ? new(d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), d.TotalSeconds) : new(string.Empty, null),
                new(trial.Worker, null),
                new(trial.Error ?? string.Empty, null),
            ];
            html.Append("<tr data-state=\"").Append(State(trial.State)).Append("\">");
            foreach (var cell in cells)
            {
                html.Append("<td");
                if (cell.Sort is { } sort && double.IsFinite(sort))
                {
                    html.Append(" data-v=\"").Append(sort.ToString("R", CultureInfo.InvariantCulture)).Append('"');
                }

                html.Append('>').Append(ReportPage.Encode(cell.Text)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>The trial's parameters as recorded (its JSON), in the JSON's order; none for a trial that never got them.</summary>
    public static IEnumerable<(string Name, Cell Value)> Parameters(TrialRecord trial)
    {
        if (!trial.HasParameters)
        {
            return [];
        }

        using var json = JsonDocument.Parse(trial.ParametersJson);
        return [.. json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind switch
        {
            JsonValueKind.Number => new Cell(Number(p.Value.GetDouble()), p.Value.GetDouble()),
            JsonValueKind.String => new Cell(p.Value.GetString() ?? string.Empty, null),
            _ => new Cell(p.Value.GetRawText(), null),
        }))];
    }

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string State(TrialState state) => state.ToString().ToLowerInvariant();
}
