using System.Globalization;
using Microsoft.Playwright;

namespace AttrHpo.Browser.Tests;

/// <summary>
/// The HTML report of a real study (median pruning, so trials of three states), opened from its file in headless chromium
/// with the network cut off: plots show, the table sorts by a clicked column and filters by state and by text.
/// </summary>
public sealed class ReportTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "attrhpo-report-" + Guid.NewGuid().ToString("N"));
    private IReadOnlyList<Trial<Curves.TrainParameters>> _trials = [];
    private string _path = string.Empty;

    public async Task InitializeAsync()
    {
        var study = Curves.TrainStudy.Create(new StudyOptions
        {
            Name = "report-study",
            Seed = 5,
            Storage = StudyStorage.InMemory(),
            Pruning = Pruning.Median(startupTrials: 3),
        });
        await study.OptimizeAsync(trials: 30, parallelism: 2);
        _trials = await study.GetTrialsAsync();
        _path = Path.Combine(_folder, "report.html");
        await study.Plots().ReportAsync(_path);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PlotsAreVisibleAndNothingIsFetched()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Offline = true });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(_path).AbsoluteUri);

        var plots = page.Locator("img.plot");
        Assert.True(await plots.CountAsync() >= 6, $"only {await plots.CountAsync()} plots in the report");
        foreach (var plot in await plots.AllAsync())
        {
            Assert.True(await plot.IsVisibleAsync());
            var (width, height) = (await plot.EvaluateAsync<int>("i => i.naturalWidth"), await plot.EvaluateAsync<int>("i => i.naturalHeight"));
            Assert.True(width == 800 && height == 600, $"{await plot.GetAttributeAsync("alt")} decoded as {width}x{height}");
        }

        Assert.True(await page.Locator("#plot-intermediate img.plot").IsVisibleAsync()); // the study reported learning curves
        Assert.Equal([new Uri(_path).AbsoluteUri], requests.Where(r => !r.StartsWith("data:", StringComparison.Ordinal)));
        var best = _trials.Where(t => t.State == TrialState.Complete).MinBy(t => t.Value)!;
        Assert.Equal(best.Number.ToString(CultureInfo.InvariantCulture), await page.Locator("#best dd").First.TextContentAsync());
    }

    [Fact]
    public async Task TheTableSortsByAClickedColumnBothWays()
    {
        var page = await OpenAsync();
        Assert.Equal(_trials.Count, await page.Locator("#trial-table tbody tr").CountAsync());

        await page.Locator("#trial-table th", new() { HasTextString = "value" }).ClickAsync();
        var ascending = await NumbersAsync(page, column: 2);
        var values = _trials.Where(t => t.Value is not null).Select(t => t.Value!.Value).Order().ToList();
        Assert.Equal(values.Count, ascending.Count);
        Assert.Equal(values, ascending, (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)));

        await page.Locator("#trial-table th", new() { HasTextString = "value" }).ClickAsync();
        var descending = await NumbersAsync(page, column: 2);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);

        await page.Locator("#trial-table th", new() { HasTextString = "#" }).ClickAsync();
        Assert.Equal(_trials.Select(t => (double)t.Number), await NumbersAsync(page, column: 0));
    }

    [Fact]
    public async Task TheTableFiltersByStateAndByText()
    {
        var page = await OpenAsync();
        var pruned = _trials.Count(t => t.State == TrialState.Pruned);
        Assert.True(pruned > 0 && pruned < _trials.Count, $"{pruned} of {_trials.Count} trials pruned: the filter would show nothing");

        await page.Locator("#state").SelectOptionAsync("pruned");
        Assert.Equal(pruned, await page.Locator("#trial-table tbody tr:visible").CountAsync());
        Assert.Equal($"{pruned} of {_trials.Count} trials shown", await page.Locator("#shown").TextContentAsync());

        await page.Locator("#state").SelectOptionAsync(string.Empty);
        var relu = _trials.Count(t => t.Parameters.Activation == "relu");
        await page.Locator("#filter").FillAsync("RELU");
        Assert.Equal(relu, await page.Locator("#trial-table tbody tr:visible").CountAsync());

        await page.Locator("#filter").FillAsync(string.Empty);
        Assert.Equal(_trials.Count, await page.Locator("#trial-table tbody tr:visible").CountAsync());
    }

    private static async Task<List<double>> NumbersAsync(IPage page, int column) =>
        [.. (await page.Locator($"#trial-table tbody tr td:nth-child({column + 1})").AllTextContentsAsync())
            .Where(text => text.Length > 0)
            .Select(text => double.Parse(text, CultureInfo.InvariantCulture))];

    private async Task<IPage> OpenAsync()
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(_path).AbsoluteUri);
        return page;
    }
}
