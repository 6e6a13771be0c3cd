using AttrHpo.Tests.Generated;

namespace AttrHpo.Tests.Execution;

/// <summary>The in-process executor: a study runs its trials through it, never more at once than its slots.</summary>
public sealed class InProcessExecutorTests
{
    [Fact]
    public async Task AStudyRunsThroughTheExecutorsSlotsAndGetsTheSameTrialsAsWithout()
    {
        await using var executor = new InProcessExecutor(slots: 2);
        var through = await Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 3, Executor = executor }).OptimizeAsync(trials: 20, parallelism: 8);
        var without = await Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 3 }).OptimizeAsync(trials: 20, parallelism: 2);

        Assert.Equal(20, through.Count(TrialState.Complete));
        Assert.Equal(without.Trials.Select(t => (t.Parameters, t.Value)), through.Trials.Select(t => (t.Parameters, t.Value)));
    }

    [Fact]
    public async Task StudiesSharingAnExecutorNeverRunMoreTrialsAtOnceThanItsSlots()
    {
        await using var executor = new InProcessExecutor(slots: 3);
        var running = 0;
        var most = 0;
        var objective = new Support.TestObjective(async (_, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            Support.TrialFactory.RaiseTo(ref most, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref running);
            return 1;
        });

        await Task.WhenAll(
            Study.Create(objective, new StudyOptions { Name = "a", Executor = executor }).OptimizeAsync(trials: 30, parallelism: 3),
            Study.Create(objective, new StudyOptions { Name = "b", Executor = executor }).OptimizeAsync(trials: 30, parallelism: 3));

        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public void AnExecutorNeedsASlot() =>
        Assert.Equal("slots", Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessExecutor(0)).ParamName);
}
