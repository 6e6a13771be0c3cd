namespace AttrHpo.Orleans.Tests;

/// <summary>Promotions and pruning decided by the coordinator grain from the study's stored trials, on three silos.</summary>
public sealed class SchedulingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AshaPromotionsRunTheBestConfigurationsAgainWithLargerBudgets()
    {
        await using var fixture = await ClusterFixture.StartAsync();

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ClusterObjectives.EpochsStudy.Objective,
            new ClusterStudyOptions { Name = "asha", Trials = 40, Seed = 3, Promotion = Promotion.Asha(reductionFactor: 3), LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.True(status.Finished);
        Assert.Equal(40, status.Complete);
        var trials = await fixture.TrialsAsync("asha");
        Assert.Equal(Enumerable.Range(0, 40), trials.Select(t => t.Number));
        // Rungs at 1, 3 and 9 epochs: new configurations start at 1, promotions run an earlier trial's configuration at 3 or 9.
        var promoted = trials.Where(t => t.PromotedFrom is not null).ToArray();
        Assert.NotEmpty(promoted);
        Assert.Contains(promoted, t => t.Budget == 9);
        Assert.All(trials.Where(t => t.PromotedFrom is null), t => Assert.Equal(1L, t.Budget));
        foreach (var promotion in promoted)
        {
            var source = trials[promotion.PromotedFrom!.Value];
            Assert.Equal(source.ParametersJson, promotion.ParametersJson);
            Assert.Equal(source.Budget * 3, promotion.Budget);
            Assert.Equal(promotion.Budget, promotion.Reports.Count); // the worker ran the budget it was given: one report per epoch
            // Promoted from the best third of its rung as the coordinator saw it: never from the rung's worst trial.
            var rung = trials.Where(t => t.Budget == source.Budget && t.Number < promotion.Number && t.State == TrialState.Complete).ToArray();
            Assert.NotEqual(rung.Max(t => t.Value), source.Value);
        }

        Assert.Equal(promoted.Length, promoted.Select(t => t.PromotedFrom).Distinct().Count()); // each configuration promoted once per rung
    }

    [Fact]
    public async Task MedianPruningStopsPoorTrialsAndRecordsThemAsPruned()
    {
        await using var fixture = await ClusterFixture.StartAsync();

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ClusterObjectives.EpochsStudy.Objective,
            new ClusterStudyOptions { Name = "median", Trials = 40, Seed = 5, Pruning = Pruning.Median(startupTrials: 3), LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.True(status.Finished);
        var trials = await fixture.TrialsAsync("median");
        Assert.Equal(40, trials.Count);
        var pruned = trials.Where(t => t.State == TrialState.Pruned).ToArray();
        Assert.NotEmpty(pruned);
        Assert.Equal(pruned.Length, status.Pruned);
        Assert.Equal(40, status.Complete + status.Pruned);
        var complete = trials.Where(t => t.State == TrialState.Complete).ToArray();
        Assert.All(complete, t => Assert.Equal(9, t.Reports.Count));
        foreach (var trial in pruned)
        {
            // Stopped at a report (the last epoch's too may be judged worse than the median), with that report as its value.
            Assert.InRange(trial.Reports.Count, 1, 9);
            Assert.Equal(trial.Reports[^1].Value, trial.Value);
        }

        Assert.Contains(pruned, t => t.Reports.Count < 9); // and the rule stops trials early, not only at their end

        // What the rule stops is worse than what it lets finish: the pruned trials' x lies farther from 0.3 on average.
        Assert.True(pruned.Average(t => Distance(t)) > complete.Average(t => Distance(t)));
    }

    [Fact]
    public async Task ACustomPruningRuleIsRefusedBeforeAnythingStarts()
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 1, slots: 1);

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Cluster.Client.RunStudyAsync(
            ClusterObjectives.EpochsStudy.Objective,
            new ClusterStudyOptions { Name = "custom", Trials = 3, Pruning = Pruning.Custom(d => new MedianStoppingRule(d, 1, 0)) }));

        Assert.Contains("Pruning.Custom", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Storage.GetStudiesAsync(CancellationToken.None));
    }

    private static double Distance(TrialRecord trial) =>
        Math.Abs(System.Text.Json.JsonDocument.Parse(trial.ParametersJson).RootElement.GetProperty("x").GetDouble() - 0.3);
}
