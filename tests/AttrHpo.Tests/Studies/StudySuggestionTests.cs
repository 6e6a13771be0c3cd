using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>
/// One suggestion at a time per study, with everything in flight as pending: parallel workers, several study objects and
/// several storage connections never sample without each other's points; slots free together get one joint batch.
/// </summary>
public sealed class StudySuggestionTests : IDisposable
{
    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    /// <summary>
    /// Proposes the lowest of 64 cells of the first coordinate that no finished or pending trial holds. A worker that samples
    /// without seeing another's point takes the same cell: so distinct cells prove every suggestion saw every earlier one.
    /// </summary>
    internal sealed class CellSampler : ISampler
    {
        public const int Cells = 64;

        private int _calls;

        public List<int> BatchSizes { get; } = [];

        public Func<int, Task>? BeforeBatch { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public static int CellOf(IReadOnlyList<double> point) => (int)(point[0] * Cells);

        public double[] Suggest(SamplingContext context)
        {
            Interlocked.Increment(ref _calls);
            Thread.Sleep(2); // a sampler takes time (a GP fit): workers that sample at once overlap here
            var taken = context.Completed.Select(o => CellOf(o.Point)).Concat(context.Pending.Select(CellOf)).ToHashSet();
            var cell = Enumerable.Range(0, Cells).First(c => !taken.Contains(c));
            return [(cell + 0.5) / Cells, 0.5, 0.5, 0.5];
        }

        public IReadOnlyList<double[]> SuggestBatch(SamplingContext context, IReadOnlyList<int> trialNumbers)
        {
            BeforeBatch?.Invoke(BatchSizes.Count).GetAwaiter().GetResult();
            lock (BatchSizes)
            {
                BatchSizes.Add(trialNumbers.Count);
            }

            var points = new List<double[]>();
            foreach (var number in trialNumbers)
            {
                points.Add(Suggest(context.ForTrial(number, [.. context.Pending, .. points])));
            }

            return points;
        }
    }

    private static TestObjective Jittered() => new(async (_, t, ct) =>
    {
        await Task.Delay(1 + (t.Number * 7 % 5), ct); // trials finish out of order
        return t.Number;
    });

    [Fact]
    public async Task ParallelWorkersNeverSampleWithoutEachOthersPoints()
    {
        var sampler = new CellSampler();

        var result = await Study.Create(Jittered(), new StudyOptions { Sampler = sampler, Seed = 1 }).OptimizeAsync(trials: 48, parallelism: 8);

        Assert.Equal(48, result.Count(TrialState.Complete));
        Assert.Equal(48, result.Trials.Select(t => CellSampler.CellOf(t.Record.Point)).Distinct().Count());
    }

    [Fact]
    public async Task AskAndOptimizeOnOneStudyObjectShareOneSuggestionStream()
    {
        var sampler = new CellSampler();
        var study = Study.Create(Jittered(), new StudyOptions { Sampler = sampler, Seed = 1 });

        var asked = new List<AskedTrial<TestParameters>>();
        var optimizing = study.OptimizeAsync(trials: 20, parallelism: 4);
        for (var i = 0; i < 4; i++)
        {
            asked.Add(await study.AskAsync()); // no lease: the run does not wait for them
        }

        await optimizing;
        var all = await study.GetTrialsAsync();
        Assert.Equal(all.Count, all.Select(t => CellSampler.CellOf(t.Record.Point)).Distinct().Count());
        Assert.Equal(4, all.Count(t => t.State == TrialState.Running));
    }

    [Fact]
    public async Task StudyObjectsSharingOneStorageSeeEachOthersPointsAsPending()
    {
        var storage = new InMemoryStudyStorage();
        var sampler = new CellSampler();
        var objective = Jittered();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Study.Create(objective, new StudyOptions { Storage = storage, Sampler = sampler, Seed = 1 }).OptimizeAsync(StopCondition.TotalTrials(45), parallelism: 3)));

        var all = (await storage.GetChangesAsync(objective.Id, 0, CancellationToken.None)).Trials;
        Assert.Equal(45, all.Count);
        Assert.Equal(45, all.Select(t => CellSampler.CellOf(t.Point)).Distinct().Count());
    }

    [Fact]
    public async Task ConnectionsToOneSqliteFileSeeEachOthersPointsAsPending()
    {
        await using var first = StudyStorage.Sqlite(_file.Path);
        await using var second = StudyStorage.Sqlite(_file.Path);
        var objective = Jittered();

        await Task.WhenAll(
            Study.Create(objective, new StudyOptions { Storage = first, Sampler = new CellSampler(), Seed = 1 }).OptimizeAsync(StopCondition.TotalTrials(40), parallelism: 4),
            Study.Create(objective, new StudyOptions { Storage = second, Sampler = new CellSampler(), Seed = 1 }).OptimizeAsync(StopCondition.TotalTrials(40), parallelism: 4));

        var all = (await first.GetChangesAsync(objective.Id, 0, CancellationToken.None)).Trials;
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Select(t => CellSampler.CellOf(t.Point)).Distinct().Count());
        Assert.Equal(2, all.Select(t => t.Worker).Distinct().Count());
    }

    [Fact]
    public async Task SlotsFreeTogetherGetOneJointBatch()
    {
        var storage = new InMemoryStudyStorage();
        var objective = TestObjective.FromTrial(t => t.Number);

        // The first suggestion waits until every worker has started its trial and queued for parameters; those three are
        // then answered with one batch.
        var sampler = new CellSampler
        {
            BeforeBatch = async batch =>
            {
                if (batch == 0)
                {
                    await WaitForAsync(async () => (await storage.GetChangesAsync(objective.Id, 0, CancellationToken.None)).Trials.Count == 4);
                    await Task.Delay(300);
                }
            },
        };

        await Study.Create(objective, new StudyOptions { Storage = storage, Sampler = sampler }).OptimizeAsync(trials: 4, parallelism: 4);

        Assert.Equal([1, 3], sampler.BatchSizes);
        Assert.Equal(4, sampler.Calls);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + StudyWorkerProcess.Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition never held.");
            await Task.Delay(5);
        }
    }
}
