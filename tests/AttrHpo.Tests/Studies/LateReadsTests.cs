using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Study objects whose reads arrive late and out of order still return, with the shared budget done exactly.</summary>
public sealed class LateReadsTests : IDisposable
{
    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task StudyObjectsOnOneFileWithLateReadsAllReturnWithTheBudgetDone()
    {
        var objective = new TestObjective(async (_, t, ct) =>
        {
            await Task.Delay(1 + (t.Number % 4), ct);
            return t.Number;
        });
        var storages = Enumerable.Range(0, 3).Select(_ => StudyStorage.Sqlite(_file.Path)).ToList();
        try
        {
            var runs = storages.Select((storage, i) => Study.Create(
                objective,
                new StudyOptions { Storage = new DelayedReadsStorage(storage, TimeSpan.FromMilliseconds(50), seed: i), LeaseDuration = TimeSpan.FromSeconds(10) })
                .OptimizeAsync(StopCondition.TotalTrials(90), parallelism: 4)).ToList();

            // Polling forever shows as a time-out here instead of a hung test run.
            await Task.WhenAll(runs).WaitAsync(StudyWorkerProcess.Patience);

            var all = (await storages[0].GetChangesAsync(objective.Id, 0, CancellationToken.None)).Trials;
            Assert.Equal(90, all.Count);
            Assert.All(all, t => Assert.Equal(TrialState.Complete, t.State));
            Assert.All(runs, r => Assert.Equal(90, r.Result.Trials.Count));
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }
    }
}
