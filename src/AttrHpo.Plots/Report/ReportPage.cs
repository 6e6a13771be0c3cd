using System.Globalization;
using System.Net;
using System.Text;

namespace AttrHpo;

/// <summary>
/// One self-contained HTML page for a study: the summary, the best trial, the plots (SVG inside the page as data URIs) and a
/// trial table that sorts and filters with a few lines of inline script. Nothing is loaded from the network.
/// </summary>
internal static class ReportPage
{
    public static string Build(PlotData data, IReadOnlyList<ReportSections.Section> sections, DateTimeOffset written) =>
        Build(data, sections, written, live: null);

    /// <summary>The page, with <paramref name="live"/>'s script added and requests to its own server allowed (the dashboard's pages).</summary>
    public static string Build(PlotData data, IReadOnlyList<ReportSections.Section> sections, DateTimeOffset written, string? live)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
            .Append(live is null ? string.Empty : "; connect-src 'self'").Append("\">\n")
            .Append("<title>").Append(Encode(data.Title)).Append(" · AttrHpo report</title>\n<style>").Append(ReportAssets.Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(data.Title)).Append("</h1>\n")
            .Append("<p class=\"written\">Written ").Append(Encode(written.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append(" by AttrHpo.</p>\n");
        AppendSummary(html, data);
        AppendPlots(html, sections);
        TrialTable.Append(html, data);
        html.Append("<script>").Append(ReportAssets.Script).Append("</script>\n");
        if (live is not null)
        {
            html.Append("<script>").Append(live).Append("</script>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void AppendSummary(StringBuilder html, PlotData data)
    {
        html.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<dl>\n");
        Item(html, "Direction", data.Direction == Direction.Minimize ? "minimise" : "maximise");
        Item(html, "Trials", data.Trials.Count == 0
            ? "none"
            : $"{data.Trials.Count} ({string.Join(", ", data.Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})");
        Item(html, "Parameters", string.Join(", ", data.Space.Dimensions.Select(d => d.Name)));
        var started = data.Trials.Where(t => t.Started is not null).Select(t => t.Started!.Value).DefaultIfEmpty().Min();
        var finished = data.Trials.Where(t => t.Finished is not null).Select(t => t.Finished!.Value).DefaultIfEmpty().Max();
        if (started != default && finished > started)
        {
            Item(html, "Ran", $"{started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} to {finished.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({Seconds(finished - started)})");
        }

        html.Append("</dl>\n</section>\n<section id=\"best\">\n<h2>Best trial</h2>\n");
        var best = data.Complete.Count == 0
            ? null
            : data.Direction == Direction.Minimize ? data.Complete.MinBy(t => t.Value) : data.Complete.MaxBy(t => t.Value);
        if (best is null)
        {
            html.Append("<p class=\"missing\">No trial is complete yet.</p>\n");
        }
        else
        {
            html.Append("<dl>\n");
            Item(html, "Trial", best.Number.ToString(CultureInfo.InvariantCulture));
            Item(html, "Value", TrialTable.Number(best.Value!.Value));
            foreach (var (name, value) in TrialTable.Parameters(best))
            {
                Item(html, name, value.Text);
            }

            html.Append("</dl>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendPlots(StringBuilder html, IReadOnlyList<ReportSections.Section> sections)
    {
        html.Append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        foreach (var section in sections)
        {
            html.Append("<figure id=\"plot-").Append(section.Id).Append("\">\n<figcaption>").Append(Encode(section.Title)).Append("</figcaption>\n");
            if (section.Svg is { } svg)
            {
                html.Append("<img class=\"plot\" alt=\"").Append(Encode(section.Title)).Append("\" src=\"data:image/svg+xml;base64,")
                    .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\">\n");
            }
            else
            {
                html.Append("<p class=\"missing\">Not drawn: ").Append(Encode(section.NotDrawn ?? string.Empty)).Append("</p>\n");
            }

            html.Append("</figure>\n");
        }

        html.Append("</section>\n");
    }

    private static void Item(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : span.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);
}
