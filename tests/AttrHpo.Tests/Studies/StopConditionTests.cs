using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Stop conditions: trial counts (see also TrialCountTests), wall time, target value, no improvement, and their combinations.</summary>
public sealed class StopConditionTests
{
    [Fact]
    public async Task ATargetValueStopsTheStudyOnceReached()
    {
        var study = Study.Create(TestObjective.FromTrial(t => 100 - t.Number));

        var result = await study.OptimizeAsync(StopCondition.TargetValue(95) | StopCondition.MoreTrials(1000), parallelism: 1);

        Assert.Equal(6, result.Trials.Count); // values 100, 99, ..., 95
        Assert.Equal(95, result.Best.Value);
    }

    [Fact]
    public async Task ATargetIsReachedUpwardsForAMaximisedObjective()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number, Direction.Maximize));

        var result = await study.OptimizeAsync(StopCondition.TargetValue(3) | StopCondition.MoreTrials(50));

        Assert.Equal(4, result.Trials.Count);
    }

    [Fact]
    public async Task NoImprovementStopsAfterThatManyCompleteTrialsWithoutABetterValue()
    {
        // Values 10, 9, 8, then 20 for ever: the best is trial 2, and five more trials do not beat it.
        var study = Study.Create(TestObjective.FromTrial(t => t.Number < 3 ? 10 - t.Number : 20));

        var result = await study.OptimizeAsync(StopCondition.NoImprovement(5).Or(StopCondition.MoreTrials(100)));

        Assert.Equal(8, result.Trials.Count);
        Assert.Equal(2, result.Best.Number);
    }

    [Fact]
    public async Task WallTimeStopsStartingTrialsAndLetsRunningOnesFinish()
    {
        var study = Study.Create(new TestObjective(async (_, t, ct) =>
        {
            await Task.Delay(20, ct);
            return t.Number;
        }));

        var result = await study.OptimizeAsync(StopCondition.WallTime(TimeSpan.FromMilliseconds(300)), parallelism: 2);

        Assert.InRange(result.Trials.Count, 2, 1000);
        Assert.Equal(result.Trials.Count, result.Count(TrialState.Complete));
    }

    [Fact]
    public async Task TheSmallestTrialBudgetOfACombinationWins()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number));

        var result = await study.OptimizeAsync(StopCondition.MoreTrials(9) | StopCondition.MoreTrials(4) | StopCondition.NoImprovement(100), parallelism: 3);

        Assert.Equal(4, result.Trials.Count);
    }

    [Fact]
    public void InvalidConditionsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StopCondition.MoreTrials(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StopCondition.TotalTrials(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StopCondition.WallTime(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => StopCondition.TargetValue(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StopCondition.NoImprovement(0));
    }
}
