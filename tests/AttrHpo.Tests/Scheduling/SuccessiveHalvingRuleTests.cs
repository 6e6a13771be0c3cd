namespace AttrHpo.Tests.Scheduling;

/// <summary>The stop-or-continue successive-halving rule on hand-made cases.</summary>
public sealed class SuccessiveHalvingRuleTests
{
    [Fact]
    public void RungStepsGrowByTheReductionFactorFromTheMinimumEarlyStoppingRate()
    {
        var rule = new SuccessiveHalvingRule(Direction.Minimize, minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1);

        Assert.Equal([6L, 18, 54, 162], Enumerable.Range(0, 4).Select(rule.RungStep));
        Assert.Equal(long.MaxValue, rule.RungStep(200));
    }

    [Fact]
    public void OnlyTheBestThirdGoesOnAndTiesCountInTheTrialsFavour()
    {
        var rule = new SuccessiveHalvingRule(Direction.Minimize, reductionFactor: 3);

        Assert.False(rule.Report(0, 1, 0.5)); // alone: the best of one
        Assert.True(rule.Report(1, 1, 0.7));  // 2 values: keep max(1, 0) = 1, 0.5 is better
        Assert.False(rule.Report(2, 1, 0.5)); // 3 values: keep 1; ties with the best
        Assert.True(rule.Report(3, 1, 0.6));  // 4 values: keep 1
        Assert.False(rule.Report(4, 1, 0.1)); // the new best
        Assert.Equal(5, rule.CountAt(0));
    }

    [Fact]
    public void ATrialCrossesSeveralRungsInOneReportAndStaysStopped()
    {
        var rule = new SuccessiveHalvingRule(Direction.Maximize, reductionFactor: 2);

        Assert.False(rule.Report(0, 4, 0.9)); // steps 1, 2 and 4: rungs 0, 1 and 2 at once
        Assert.Equal([1, 1, 1, 0], Enumerable.Range(0, 4).Select(rule.CountAt));
        Assert.True(rule.Report(1, 1, 0.2));
        Assert.True(rule.Report(1, 2, 5.0)); // stopped trials stay stopped
        Assert.Equal(0, rule.CountAt(1) - 1);
    }

    [Fact]
    public void NaNStopsATrialAtARung()
    {
        var rule = new SuccessiveHalvingRule(Direction.Minimize, minResource: 2);

        Assert.False(rule.Report(0, 1, double.NaN)); // below the first rung: nothing is decided
        Assert.True(rule.Report(0, 2, double.NaN));
        Assert.Equal(0, rule.CountAt(0));
    }

    [Fact]
    public void FractionThatGoesOnTendsToOneOverEta()
    {
        var rule = new SuccessiveHalvingRule(Direction.Minimize, reductionFactor: 4);
        var random = new Random(5);
        var kept = 0;
        const int Trials = 20_000;
        for (var trial = 0; trial < Trials; trial++)
        {
            kept += rule.Report(trial, 1, random.NextDouble()) ? 0 : 1;
        }

        Assert.InRange(kept / (double)Trials, 0.22, 0.28);
    }

    [Theory]
    [InlineData(0L, 3, 0, "minResource")]
    [InlineData(1L, 1, 0, "reductionFactor")]
    [InlineData(1L, 3, -1, "minEarlyStoppingRate")]
    public void BadSettingsAreRefusedByName(long minResource, int eta, int rate, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SuccessiveHalvingRule(Direction.Minimize, minResource, eta, rate));

        Assert.Equal(parameter, error.ParamName);
    }
}
