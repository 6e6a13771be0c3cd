using AttrHpo.Tests.Generated;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Scheduling;

/// <summary>
/// The promotion form of ASHA and Hyperband inside studies, on the generated Branin objective ([Budget(1, 9)] epochs, which it
/// reports as its step): budgets reach the objective, the best configurations are run again with larger budgets, a
/// configuration is promoted once, across runs and across storage connections too.
/// </summary>
public sealed class PromotionStudyTests
{
    [Fact]
    public async Task AshaRunsNewConfigurationsAtTheBottomRungAndPromotesTheBestOnce()
    {
        var study = Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 5, Promotion = Promotion.Asha(reductionFactor: 3) });

        var result = await study.OptimizeAsync(trials: 60, parallelism: 3);

        var trials = result.Trials;
        Assert.All(trials, t => Assert.Equal(t.Record.Budget, t.Record.Reports.Single().Step)); // the objective got its budget
        Assert.Equal([1L, 3, 9], trials.Select(t => t.Record.Budget!.Value).Distinct().Order());
        var byNumber = trials.ToDictionary(t => t.Number);
        var promotions = trials.Where(t => t.Record.PromotedFrom is not null).ToList();
        Assert.NotEmpty(promotions);
        Assert.Equal(promotions.Count, promotions.Select(t => t.Record.PromotedFrom).Distinct().Count()); // never twice
        Assert.All(promotions, t =>
        {
            var source = byNumber[t.Record.PromotedFrom!.Value];
            Assert.Equal(source.Parameters, t.Parameters);
            Assert.Equal(TrialState.Complete, source.State);
            Assert.Equal(source.Record.Budget * 3, t.Record.Budget);
            Assert.True(source.Number < t.Number);
        });
        Assert.All(trials.Where(t => t.Record.PromotedFrom is null), t => Assert.Equal(1, t.Record.Budget));
        var atBottom = trials.Count(t => t.Record.Budget == 1);
        var atTop = trials.Count(t => t.Record.Budget == 9);
        Assert.True(atBottom > 3 * atTop, $"{atBottom} trials at budget 1, {atTop} at 9");
    }

    [Fact]
    public async Task AResumedStudyContinuesTheScheduleWithoutPromotingAnythingTwice()
    {
        var storage = new InMemoryStudyStorage();
        var options = new StudyOptions { Name = "asha", Seed = 8, Storage = storage, Promotion = Promotion.Asha(reductionFactor: 2) };
        await Branin.EvaluateAsyncStudy.Create(options).OptimizeAsync(trials: 15);

        var result = await Branin.EvaluateAsyncStudy.Create(options).OptimizeAsync(trials: 25, parallelism: 2);

        var sources = result.Trials.Select(t => t.Record.PromotedFrom).OfType<int>().ToList();
        Assert.Equal(sources.Count, sources.Distinct().Count());
        Assert.Contains(result.Trials, t => t.Number >= 15 && t.Record.PromotedFrom < 15); // promoted from the first run's results
    }

    [Fact]
    public async Task TwoConnectionsToOneFileShareTheScheduleAndNeverPromoteTheSameTrialTwice()
    {
        using var file = new TempStudyFile();
        await using var first = StudyStorage.Sqlite(file.Path);
        await using var second = StudyStorage.Sqlite(file.Path);
        var options = new StudyOptions { Name = "shared", Seed = 2, Promotion = Promotion.Asha(reductionFactor: 2) };
        var a = options with { Storage = first, WorkerName = "a" };
        var b = options with { Storage = second, WorkerName = "b" };

        // Taking turns, each connection continues the schedule the other left; then both at once.
        await Branin.EvaluateAsyncStudy.Create(a).OptimizeAsync(trials: 20);
        await Branin.EvaluateAsyncStudy.Create(b).OptimizeAsync(trials: 20);
        await Task.WhenAll(
            Branin.EvaluateAsyncStudy.Create(a).OptimizeAsync(StopCondition.TotalTrials(120), parallelism: 2),
            Branin.EvaluateAsyncStudy.Create(b).OptimizeAsync(StopCondition.TotalTrials(120), parallelism: 2));

        var trials = await Branin.EvaluateAsyncStudy.Create(a).GetTrialsAsync();
        Assert.Equal(120, trials.Count);
        var byNumber = trials.ToDictionary(t => t.Number);
        var promotions = trials.Where(t => t.Record.PromotedFrom is not null).ToList();
        Assert.Equal(promotions.Count, promotions.Select(t => t.Record.PromotedFrom).Distinct().Count());
        // The schedule is shared: some trial is promoted by the other connection than the one that ran it (which direction
        // depends on how the two interleave).
        Assert.Contains(promotions, t => byNumber[t.Record.PromotedFrom!.Value].Record.Worker != t.Record.Worker);
    }

    [Fact]
    public async Task HyperbandStartsNewConfigurationsInEveryBracket()
    {
        var study = Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 1, Promotion = Promotion.Hyperband(reductionFactor: 3) });

        var result = await study.OptimizeAsync(trials: 120);

        var starts = result.Trials.Where(t => t.Record.PromotedFrom is null).Select(t => t.Record.Budget!.Value).ToList();
        Assert.Equal([1L, 3, 9], starts.Distinct().Order()); // brackets start at 1, 3 and 9
        Assert.True(starts.Count(b => b == 1) > starts.Count(b => b == 9), "The most aggressive bracket gets the most configurations.");
        var sources = result.Trials.Select(t => t.Record.PromotedFrom).OfType<int>().ToList();
        Assert.Equal(sources.Count, sources.Distinct().Count());
    }

    [Fact]
    public void PromotionNeedsAnObjectiveWithABudget()
    {
        var error = Assert.Throws<ArgumentException>(() => Study.Create(TestObjective.FromFunc(_ => 0), new StudyOptions { Promotion = Promotion.Asha() }));

        Assert.Contains("[Budget]", error.Message, StringComparison.Ordinal);
        Assert.Contains("StudyOptions.Pruning", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPromotionSettingsAreRefusedByName()
    {
        Assert.Equal("reductionFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Promotion.Asha(reductionFactor: 1)).ParamName);
        Assert.Equal("minBudget", Assert.Throws<ArgumentOutOfRangeException>(() => Promotion.Hyperband(minBudget: 0)).ParamName);
    }
}
