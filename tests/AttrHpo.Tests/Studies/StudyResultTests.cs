using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>The result: every trial ordered by number, and the best by direction; a second call continues the numbering.</summary>
public sealed class StudyResultTests
{
    private static readonly double[] Values = [5, 3, 9, 3, 7, 9, 4];

    private static TestObjective ByNumber(Direction direction) => new(async (_, t, _) =>
    {
        // Later trials finish first, so the finishing order differs from the numbering.
        for (var i = 0; i < (Values.Length - t.Number) * 3; i++)
        {
            await Task.Yield();
        }

        return Values[t.Number];
    }, direction);

    [Fact]
    public async Task MinimisePicksTheSmallestEarliestValue()
    {
        var result = await Study.Create(ByNumber(Direction.Minimize)).OptimizeAsync(Values.Length, parallelism: 4);
        Assert.Equal(Direction.Minimize, result.Direction);
        Assert.Equal(1, result.Best.Number);
        Assert.Equal(3, result.Best.Value);
    }

    [Fact]
    public async Task MaximisePicksTheLargestEarliestValue()
    {
        var result = await Study.Create(ByNumber(Direction.Maximize)).OptimizeAsync(Values.Length, parallelism: 4);
        Assert.Equal(2, result.Best.Number);
        Assert.Equal(9, result.Best.Value);
    }

    [Fact]
    public async Task FailedTrialsAreNeverBest()
    {
        var objective = TestObjective.FromTrial(t => t.Number == 0 ? throw new InvalidOperationException("x") : 10 - t.Number);
        var result = await Study.Create(objective).OptimizeAsync(4);
        Assert.Equal(3, result.Best.Number);
    }

    [Fact]
    public async Task TrialsAreOrderedByNumberAndCounted()
    {
        var result = await Study.Create(ByNumber(Direction.Minimize)).OptimizeAsync(Values.Length, parallelism: 7);
        Assert.Equal(Enumerable.Range(0, Values.Length), result.Trials.Select(t => t.Number));
        Assert.Equal(Values.Select(v => (double?)v), result.Trials.Select(t => t.Value));
        Assert.Equal(Values.Length, result.Count(TrialState.Complete));
        Assert.Equal(0, result.Count(TrialState.Failed));
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task ASecondCallContinuesTheNumbering()
    {
        var study = Study.Create(TestObjective.FromTrial(t => 100 - t.Number));
        var first = await study.OptimizeAsync(3, parallelism: 2);
        var second = await study.OptimizeAsync(4, parallelism: 3); // four more trials

        Assert.Equal([0, 1, 2], first.Trials.Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, 7), second.Trials.Select(t => t.Number));
        Assert.Equal(6, second.Best.Number);
        Assert.Equal(Enumerable.Range(0, 7), (await study.GetTrialsAsync()).Select(t => t.Number));
    }

    [Fact]
    public async Task TheStudyIsNamedAfterTheObjectiveUnlessNamed()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Study.Create(TestObjective.FromTrial(t => { ids.Add(t.Id); return 0; })).OptimizeAsync(1);
        var named = Study.Create(TestObjective.FromTrial(t => { ids.Add(t.Id); return 0; }), new StudyOptions { Name = "mine" });
        await named.OptimizeAsync(1);

        Assert.Equal("mine", named.Name);
        Assert.Equal([TestObjective.DefaultId + "#0", "mine#0"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StorageGivenInTheOptionsIsUsed()
    {
        var storage = new InMemoryStudyStorage();
        await Study.Create(TestObjective.FromFunc(p => p.Layers), new StudyOptions { Storage = storage }).OptimizeAsync(3);
        var trials = (await storage.GetChangesAsync(TestObjective.DefaultId, 0, CancellationToken.None)).Trials;
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Contains("\"layers\":", t.ParametersJson));
    }
}
