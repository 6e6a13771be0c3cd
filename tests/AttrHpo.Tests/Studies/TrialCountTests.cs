using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>
/// <c>OptimizeAsync(trials: N)</c> and <see cref="StopCondition.MoreTrials"/> finish N more trials in this call, whatever the
/// study held; <see cref="StopCondition.TotalTrials"/> stops at a total for the study, across runs and processes.
/// </summary>
public sealed class TrialCountTests : IDisposable
{
    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task RerunningTrialsTenOnTheSameFileAddsTenMore()
    {
        for (var run = 1; run <= 2; run++)
        {
            await using var storage = StudyStorage.Sqlite(_file.Path);
            var result = await Study.Create(Slow(), new StudyOptions { Storage = storage, Seed = 3 }).OptimizeAsync(trials: 10, parallelism: 2);
            Assert.Equal(10 * run, result.Count(TrialState.Complete));
        }

        var stored = await ReadAsync();
        Assert.Equal(Enumerable.Range(0, 20), stored.Select(t => t.Number));
        Assert.All(stored, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public async Task TotalTrialsTopsTheStudyUpToTheTotalAndThenRunsNone()
    {
        var invoked = 0;
        var objective = TestObjective.FromTrial(t =>
        {
            Interlocked.Increment(ref invoked);
            return t.Number;
        });
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(objective, new StudyOptions { Storage = storage }).OptimizeAsync(trials: 10);
        }

        for (var run = 0; run < 2; run++)
        {
            await using var storage = StudyStorage.Sqlite(_file.Path);
            var result = await Study.Create(objective, new StudyOptions { Storage = storage }).OptimizeAsync(StopCondition.TotalTrials(20), parallelism: 3);
            Assert.Equal(20, result.Trials.Count);
        }

        Assert.Equal(20, invoked); // 10, then 10 more to reach 20, then none
        Assert.Equal(20, (await ReadAsync()).Count);
    }

    [Fact]
    public async Task TwoStudyObjectsOnOneFileStopAtTheTotalTogether()
    {
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(Slow(), new StudyOptions { Storage = storage }).OptimizeAsync(trials: 10);
        }

        await using var first = StudyStorage.Sqlite(_file.Path);
        await using var second = StudyStorage.Sqlite(_file.Path);
        await Task.WhenAll(
            Study.Create(Slow(), new StudyOptions { Storage = first, Seed = 1 }).OptimizeAsync(StopCondition.TotalTrials(30), parallelism: 2),
            Study.Create(Slow(), new StudyOptions { Storage = second, Seed = 2 }).OptimizeAsync(StopCondition.TotalTrials(30), parallelism: 2));

        var stored = await ReadAsync();
        Assert.Equal(Enumerable.Range(0, 30), stored.Select(t => t.Number));
        Assert.All(stored, t => Assert.Equal((TrialState.Complete, 1), (t.State, t.Starts)));
        Assert.Equal(3, stored.Select(t => t.Worker).Distinct().Count()); // the first run's, and both of the second's
    }

    [Fact]
    public async Task TrialsOfAnotherStudyObjectOnTheSameFileDoNotCountTowardThisCalls()
    {
        await using var first = StudyStorage.Sqlite(_file.Path);
        await using var second = StudyStorage.Sqlite(_file.Path);
        await Task.WhenAll(
            Study.Create(Slow(), new StudyOptions { Storage = first, Seed = 1 }).OptimizeAsync(trials: 10, parallelism: 2),
            Study.Create(Slow(), new StudyOptions { Storage = second, Seed = 2 }).OptimizeAsync(trials: 10, parallelism: 2));

        var stored = await ReadAsync();
        Assert.Equal(20, stored.Count);
        Assert.All(stored.GroupBy(t => t.Worker), g => Assert.Equal(10, g.Count()));
    }

    [Fact]
    public async Task ParallelismFourWithTrialsTenFinishesExactlyTenAndCountsFailedPrunedAndRetriedTrialsOnce()
    {
        var attempts = new int[32];
        var objective = new TestObjective(async (_, t, ct) =>
        {
            await Task.Delay(1 + (t.Number * 7 % 5), ct);
            return t.Number switch
            {
                3 => throw new OperationCanceledException("gave up"), // cancelled by the objective: does not count
                4 => throw new InvalidOperationException("diverged"), // failed: counts
                5 => throw new TrialPrunedException(), // pruned: counts
                6 when Interlocked.Increment(ref attempts[6]) < 2 => throw new IOException("flaky"), // retried, then complete: counts once
                _ => t.Number,
            };
        });
        var retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.FromMilliseconds(1), ShouldRetry = e => e is IOException };
        await using var storage = StudyStorage.Sqlite(_file.Path);
        var study = Study.Create(objective, new StudyOptions { Storage = storage, Retry = retry });
        await study.OptimizeAsync(trials: 3);

        var result = await study.OptimizeAsync(trials: 10, parallelism: 4);

        var thisCall = result.Trials.Where(t => t.Number >= 3).ToList();
        Assert.Equal(11, thisCall.Count);
        Assert.Equal(10, thisCall.Count(t => t.State != TrialState.Cancelled));
        Assert.Equal(TrialState.Cancelled, result.Trials[3].State);
        Assert.Equal(TrialState.Failed, result.Trials[4].State);
        Assert.Equal(TrialState.Pruned, result.Trials[5].State);
        Assert.Equal((TrialState.Complete, 2), (result.Trials[6].State, attempts[6]));
        Assert.Equal(14, (await ReadAsync()).Count);
    }

    [Fact]
    public async Task TheFirstCountReachedStopsTheCall()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number));
        await study.OptimizeAsync(trials: 5);

        Assert.Equal(8, (await study.OptimizeAsync(StopCondition.MoreTrials(10) | StopCondition.TotalTrials(8), parallelism: 3)).Trials.Count);
        Assert.Equal(12, (await study.OptimizeAsync(StopCondition.MoreTrials(4) | StopCondition.TotalTrials(100), parallelism: 3)).Trials.Count);
    }

    /// <summary>Long enough that trials of several workers overlap.</summary>
    private static TestObjective Slow() => new(async (p, _, ct) =>
    {
        await Task.Delay(3, ct);
        return p.Dropout;
    });

    private async Task<IReadOnlyList<TrialRecord>> ReadAsync()
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        await storage.OpenStudyAsync(new StudyIdentity(TestObjective.DefaultId, TestObjective.DefaultId, Direction.Minimize), CancellationToken.None);
        return (await storage.GetChangesAsync(TestObjective.DefaultId, 0, CancellationToken.None)).Trials;
    }
}
