namespace AttrHpo.Tests.Scheduling;

/// <summary>Hyperband's brackets and the median-stopping rule.</summary>
public sealed class HyperbandAndMedianTests
{
    [Fact]
    public void HyperbandHasOneBracketPerHalvingAndAssignsTrialsInProportionToBracketSizes()
    {
        var rule = new HyperbandRule(Direction.Minimize, minResource: 1, maxResource: 81, reductionFactor: 3);
        var counts = new int[rule.BracketCount];
        for (var trial = 0; trial < 60_000; trial++)
        {
            counts[rule.BracketOf(trial)]++;
        }

        // sMax = 4; n_s = ceil(5 / (5 - s) * 3^(4 - s)) = 81, 34, 15, 8, 5 of 143.
        Assert.Equal(5, rule.BracketCount);
        double[] expected = [81 / 143.0, 34 / 143.0, 15 / 143.0, 8 / 143.0, 5 / 143.0];
        for (var s = 0; s < 5; s++)
        {
            Assert.InRange(counts[s] / 60_000.0, expected[s] - 0.01, expected[s] + 0.01);
            Assert.Equal(rule.Bracket(s).RungStep(0), (long)Math.Pow(3, s));
        }

        Assert.Equal(rule.BracketOf(12345), new HyperbandRule(Direction.Minimize, 1, 81).BracketOf(12345));
    }

    [Fact]
    public void HyperbandRanksATrialOnlyWithinItsBracket()
    {
        var rule = new HyperbandRule(Direction.Minimize, minResource: 1, maxResource: 9, reductionFactor: 3);
        var inBracket0 = Enumerable.Range(0, 1000).Where(t => rule.BracketOf(t) == 0).Take(2).ToArray();
        var inBracket2 = Enumerable.Range(0, 1000).First(t => rule.BracketOf(t) == 2);

        Assert.False(rule.Report(inBracket0[0], 1, 0.1));
        Assert.False(rule.Report(inBracket2, 1, 5.0)); // bracket 2 first judges at step 9
        Assert.True(rule.Report(inBracket0[1], 1, 0.2));
        Assert.Equal(0, rule.Bracket(2).CountAt(0));
    }

    [Fact]
    public void MedianRuleStopsTrialsWorseThanTheMedianAtTheirStepAfterStartup()
    {
        var rule = new MedianStoppingRule(Direction.Maximize, startupTrials: 3, warmupSteps: 2);

        Assert.False(rule.Report(0, 2, 0.9));
        Assert.False(rule.Report(1, 2, 0.5));
        Assert.False(rule.Report(2, 2, 0.1));
        Assert.False(rule.Report(3, 1, 0.0)); // warm-up: never judged
        Assert.True(rule.Report(3, 2, 0.2));  // median of 0.9, 0.5, 0.1 is 0.5; 0.2 is worse when maximising
        Assert.True(rule.Report(3, 3, 9.9));  // stays stopped
        Assert.False(rule.Report(4, 2, 0.6));
        Assert.False(rule.Report(0, 2, 0.0)); // told again: already taken in
    }

    [Fact]
    public void MedianRuleJudgesTheBestValueSoFar()
    {
        var rule = new MedianStoppingRule(Direction.Minimize, startupTrials: 1);
        Assert.False(rule.Report(0, 1, 1.0));
        Assert.False(rule.Report(0, 2, 1.0));
        Assert.False(rule.Report(1, 1, 0.5));
        Assert.False(rule.Report(1, 2, 3.0)); // worse than trial 0 at step 2, but its best so far (0.5) is better
    }

    [Theory]
    [InlineData(0L, 9L, 3, "minResource")]
    [InlineData(9L, 9L, 3, "maxResource")]
    [InlineData(1L, 9L, 1, "reductionFactor")]
    public void HyperbandRefusesBadSettingsByName(long min, long max, int eta, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => Pruning.Hyperband(min, max, eta)).ParamName);

    [Fact]
    public void MedianRefusesBadSettingsByName()
    {
        Assert.Equal("startupTrials", Assert.Throws<ArgumentOutOfRangeException>(() => Pruning.Median(startupTrials: 0)).ParamName);
        Assert.Equal("warmupSteps", Assert.Throws<ArgumentOutOfRangeException>(() => Pruning.Median(warmupSteps: -1)).ParamName);
    }
}
