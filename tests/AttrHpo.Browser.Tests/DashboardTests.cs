using Microsoft.Playwright;

namespace AttrHpo.Browser.Tests;

/// <summary>
/// The live dashboard over a real storage, in headless chromium: it lists every study, a study's page shows its plots and
/// trials, and a trial that finishes while the page is open appears without a reload (and in the list of studies).
/// </summary>
public sealed class DashboardTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task ATrialThatFinishesWhileThePageIsOpenAppearsOnIt()
    {
        var storage = StudyStorage.InMemory();
        var finished = Curves.TrainStudy.Create(new StudyOptions { Name = "finished", Seed = 1, Storage = storage });
        await finished.OptimizeAsync(trials: 6);
        var live = Curves.TrainStudy.Create(new StudyOptions { Name = "live", Seed = 2, Storage = storage });
        var asked = await live.AskAsync();
        await using var dashboard = await StudyDashboard.StartAsync(storage, new DashboardOptions { Refresh = TimeSpan.FromMilliseconds(200) });
        var page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(dashboard.Address.AbsoluteUri);
        Assert.Equal(["finished", "live"], (await page.Locator("#studies tbody td a").AllTextContentsAsync()).Order());
        await page.Locator("#studies a", new() { HasTextString = "live" }).ClickAsync();
        await page.WaitForURLAsync("**/studies/live");
        Assert.Equal(1, await page.Locator("#trial-table tbody tr[data-state=running]").CountAsync());
        Assert.Equal(0, await page.Locator("#plot-history img.plot").CountAsync()); // nothing complete yet: the reason instead
        var versionBefore = await page.Locator("body").GetAttributeAsync("data-version");

        await live.TellAsync(asked, 0.25);

        await page.Locator("#trial-table tbody tr[data-state=complete]").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator("#trial-table tbody tr[data-state=running]").CountAsync());
        Assert.True(await page.Locator("#plot-history img.plot").IsVisibleAsync());
        Assert.NotEqual(versionBefore, await page.Locator("body").GetAttributeAsync("data-version"));
        Assert.Equal("0.25", await page.Locator("#best dd").Nth(1).TextContentAsync());

        await page.GotoAsync(dashboard.Address.AbsoluteUri);
        var liveRow = page.Locator("#studies tbody tr", new() { HasTextString = "live" });
        Assert.Contains("1 complete", await liveRow.TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheListOfStudiesShowsAStudyStartedAfterThePageOpened()
    {
        var storage = StudyStorage.InMemory();
        await Curves.TrainStudy.Create(new StudyOptions { Name = "first", Seed = 1, Storage = storage }).OptimizeAsync(trials: 2);
        await using var dashboard = await StudyDashboard.StartAsync(storage, new DashboardOptions { Refresh = TimeSpan.FromMilliseconds(200) });
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(dashboard.Address.AbsoluteUri);
        Assert.Equal(1, await page.Locator("#studies tbody tr").CountAsync());

        await Curves.TrainStudy.Create(new StudyOptions { Name = "second", Seed = 2, Storage = storage }).OptimizeAsync(trials: 3);

        // A poll during the run may already have listed the study with fewer trials: wait for the row as it ends.
        var second = page.Locator("#studies tbody tr", new() { HasTextString = "second" }).Filter(new() { HasTextString = "3 complete" });
        await second.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal(2, await page.Locator("#studies tbody tr").CountAsync());
    }

    [Fact]
    public async Task AnUnknownStudyIsANotFoundPageNamingTheStudiesThereAre()
    {
        var storage = StudyStorage.InMemory();
        await Curves.TrainStudy.Create(new StudyOptions { Name = "only", Seed = 1, Storage = storage }).OptimizeAsync(trials: 2);
        await using var dashboard = await StudyDashboard.StartAsync(storage);
        var page = await chromium.Browser.NewPageAsync();

        var response = await page.GotoAsync(new Uri(dashboard.Address, "studies/nope").AbsoluteUri);

        Assert.Equal(404, response!.Status);
        Assert.Contains("no study 'nope'. Its studies: only.", await page.Locator("p.missing").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItListensOnLoopbackByDefault()
    {
        await using var dashboard = await StudyDashboard.StartAsync(StudyStorage.InMemory());

        Assert.Equal("127.0.0.1", dashboard.Address.Host);
        Assert.NotEqual(0, dashboard.Address.Port);
    }
}
