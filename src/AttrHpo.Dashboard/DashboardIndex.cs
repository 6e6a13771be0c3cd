using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AttrHpo;

/// <summary>The dashboard's first page: the storage's studies with their trial counts and best values, as HTML and as JSON.</summary>
internal static class DashboardIndex
{
    public sealed record StudySummary(string StorageName, Direction Direction, int Trials, string States, double? Best);

    public static StudySummary Summarize(StoredStudy study, IReadOnlyList<TrialRecord> trials)
    {
        var values = trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v)).Select(t => t.Value!.Value).ToList();
        var states = string.Join(", ", trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        double? best = values.Count == 0 ? null : study.Identity.Direction == Direction.Minimize ? values.Min() : values.Max();
        return new(study.StorageName, study.Identity.Direction, trials.Count, states, best);
    }

    public static string Page(IReadOnlyList<StudySummary> studies, TimeSpan refresh)
    {
        var html = Head("AttrHpo studies").Append("<h1>Studies</h1>\n<table id=\"studies\">\n<thead><tr><th>study</th><th>direction</th><th>trials</th><th>states</th><th>best</th></tr></thead>\n<tbody>\n");
        foreach (var study in studies)
        {
            html.Append("<tr><td><a href=\"/studies/").Append(Uri.EscapeDataString(study.StorageName)).Append("\">").Append(Encode(study.StorageName)).Append("</a></td><td>")
                .Append(DirectionText(study.Direction)).Append("</td><td>").Append(study.Trials.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Encode(study.States)).Append("</td><td>").Append(Best(study.Best)).Append("</td></tr>\n");
        }

        var script = DashboardAssets.Index.Replace("__REFRESH__", ((long)refresh.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return html.Append("</tbody>\n</table>\n<script>").Append(script).Append("</script>\n</body>\n</html>\n").ToString();
    }

    public static string Json(IReadOnlyList<StudySummary> studies)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var study in studies)
            {
                json.WriteStartObject();
                json.WriteString("storageName", study.StorageName);
                json.WriteString("direction", DirectionText(study.Direction));
                json.WriteNumber("trials", study.Trials);
                json.WriteString("states", study.States);
                if (study.Best is { } best)
                {
                    json.WriteString("best", Best(best));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Message(string title, string message) =>
        Head(title).Append("<h1>").Append(Encode(title)).Append("</h1>\n<p class=\"missing\">").Append(Encode(message))
            .Append("</p>\n<p><a href=\"/\">All studies</a></p>\n</body>\n</html>\n").ToString();

    private static StringBuilder Head(string title) =>
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title))
            .Append("</title>\n<style>").Append(ReportAssets.Style).Append("</style>\n</head>\n<body>\n");

    private static string DirectionText(Direction direction) => direction == Direction.Minimize ? "minimise" : "maximise";

    private static string Best(double? best) => best is { } value ? value.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
