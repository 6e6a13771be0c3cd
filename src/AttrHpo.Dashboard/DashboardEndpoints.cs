using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AttrHpo;

/// <summary>
/// The dashboard's pages and the two JSON answers its scripts poll: <c>/</c> and <c>/api/studies</c> (the studies with their
/// counts and best values), <c>/studies/{name}</c> and <c>/api/studies/{name}/version?since=N</c> (whether a study changed).
/// </summary>
internal sealed class DashboardEndpoints(IStudyStorage storage, DashboardOptions options)
{
    private readonly StoredTrials _trials = new(storage);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", async (HttpContext http) => await Html(http, DashboardIndex.Page(await SummariesAsync(http.RequestAborted).ConfigureAwait(false), options.Refresh)).ConfigureAwait(false));
        routes.MapGet("/api/studies", async (HttpContext http) => await Json(http, DashboardIndex.Json(await SummariesAsync(http.RequestAborted).ConfigureAwait(false))).ConfigureAwait(false));
        routes.MapGet("/studies/{name}", StudyPageAsync);
        routes.MapGet("/api/studies/{name}/version", async (HttpContext http, string name, long? since) =>
        {
            var changes = await storage.GetChangesAsync(name, since ?? 0, http.RequestAborted).ConfigureAwait(false);
            await Json(http, $"{{\"version\":{changes.Version.ToString(CultureInfo.InvariantCulture)}}}").ConfigureAwait(false);
        });
    }

    private async Task StudyPageAsync(HttpContext http, string name)
    {
        var studies = await storage.GetStudiesAsync(http.RequestAborted).ConfigureAwait(false);
        if (studies.FirstOrDefault(s => s.StorageName == name) is not { } study)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await Html(http, DashboardIndex.Message(
                "No such study",
                $"The storage has no study '{name}'. Its studies: {(studies.Count == 0 ? "none yet" : string.Join(", ", studies.Select(s => s.StorageName)))}.")).ConfigureAwait(false);
            return;
        }

        if (study.Space is null)
        {
            await Html(http, DashboardIndex.Message(study.StorageName, "This study was stored without its search space (by an older AttrHpo), so its plots cannot be drawn. Run it once with this version to record the space.")).ConfigureAwait(false);
            return;
        }

        var (trials, version) = await _trials.ReadAsync(study.StorageName, http.RequestAborted).ConfigureAwait(false);
        var plots = new StudyPlots(trials, SpaceDefinition.Read(study.Space), study.Identity.Direction, study.StorageName, options.Plots);
        var html = await plots.GetReportHtmlAsync(LiveScript(study.StorageName, version), http.RequestAborted).ConfigureAwait(false);
        await Html(http, html.Replace("<body>\n", "<body>\n<p><a href=\"/\">All studies</a></p>\n", StringComparison.Ordinal)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<DashboardIndex.StudySummary>> SummariesAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<DashboardIndex.StudySummary>();
        foreach (var study in await storage.GetStudiesAsync(cancellationToken).ConfigureAwait(false))
        {
            var (trials, _) = await _trials.ReadAsync(study.StorageName, cancellationToken).ConfigureAwait(false);
            summaries.Add(DashboardIndex.Summarize(study, trials));
        }

        return summaries;
    }

    /// <summary>The study page's script: asks every <see cref="DashboardOptions.Refresh"/> whether the study changed, and if so swaps in the new page's parts.</summary>
    private string LiveScript(string name, long version) =>
        DashboardAssets.Live
            .Replace("__NAME__", JsonEncodedText.Encode(name, JavaScriptEncoder.Default).ToString(), StringComparison.Ordinal)
            .Replace("__VERSION__", version.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__REFRESH__", ((long)options.Refresh.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static Task Html(HttpContext http, string html)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(html, Encoding.UTF8, http.RequestAborted);
    }

    private static Task Json(HttpContext http, string json)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(json, Encoding.UTF8, http.RequestAborted);
    }
}
