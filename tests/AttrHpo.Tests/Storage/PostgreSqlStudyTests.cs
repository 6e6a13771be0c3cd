using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>Studies on PostgreSQL end to end: continued by a new storage object, and shared by two at once (two machines).</summary>
public sealed class PostgreSqlStudyTests : IDisposable
{
    private static readonly TestObjective Objective = new(async (p, t, ct) =>
    {
        await Task.Yield();
        t.Report(1, p.LearningRate);
        return p.LearningRate + p.Layers;
    });

    private readonly PostgresSchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task AStudyReopenedOnTheSameServerContinuesAndFeedsTheSamplerItsHistory()
    {
        IReadOnlyList<Trial<TestParameters>> before;
        await using (var storage = StudyStorage.PostgreSql(_schema.ConnectionString))
        {
            before = (await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 5 }).OptimizeAsync(6, parallelism: 2)).Trials;
        }

        StudyResult<TestParameters> after;
        await using (var storage = StudyStorage.PostgreSql(_schema.ConnectionString))
        {
            after = await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 5 }).OptimizeAsync(trials: 4);
        }

        Assert.Equal(Enumerable.Range(0, 10), after.Trials.Select(t => t.Number));
        Assert.Equal(10, after.Count(TrialState.Complete));
        for (var n = 0; n < 6; n++)
        {
            Assert.Equal(before[n].Parameters, after.Trials[n].Parameters);
            Assert.Equal(before[n].Value, after.Trials[n].Value);
        }
    }

    [Fact]
    public async Task TwoStorageObjectsShareOneStudyAtOnce()
    {
        await using var first = StudyStorage.PostgreSql(_schema.ConnectionString);
        await using var second = StudyStorage.PostgreSql(_schema.ConnectionString);

        var results = await Task.WhenAll(
            Study.Create(Objective, new StudyOptions { Storage = first, Seed = 1 }).OptimizeAsync(8, parallelism: 2),
            Study.Create(Objective, new StudyOptions { Storage = second, Seed = 2 }).OptimizeAsync(8, parallelism: 2));

        var study = Assert.Single(await first.GetStudiesAsync(CancellationToken.None));
        var trials = (await first.GetChangesAsync(study.StorageName, 0, CancellationToken.None)).Trials;
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.InRange(trials.Count, 8, 16); // each adds 8 to what it saw when it opened: 16 unless both opened before either started one
        Assert.All(results, r => Assert.All(r.Trials.Where(t => t.State == TrialState.Complete), t => Assert.Contains(trials, s => s.Number == t.Number && s.Value == t.Value)));
    }
}
