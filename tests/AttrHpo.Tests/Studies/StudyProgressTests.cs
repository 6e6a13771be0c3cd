using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

public sealed class StudyProgressTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task EachFinishedTrialIsReportedOnceAfterItIsRecorded(int parallelism)
    {
        var storage = new InMemoryStudyStorage();
        var recordedWhenReported = new List<TrialState>();
        var progress = new SyncProgress<Trial<TestParameters>>(trial =>
        {
            var stored = storage.GetChangesAsync(TestObjective.DefaultId, 0, CancellationToken.None).AsTask().Result.Trials.Single(r => r.Number == trial.Number);
            lock (recordedWhenReported)
            {
                recordedWhenReported.Add(stored.State);
            }
        });
        var objective = new TestObjective(async (_, t, _) =>
        {
            await Task.Yield();
            return t.Number % 5 == 2 ? throw new InvalidOperationException("x") : t.Number;
        });

        var result = await Study.Create(objective, new StudyOptions { Storage = storage }).OptimizeAsync(trials: 20, parallelism, progress);

        Assert.Equal(Enumerable.Range(0, 20), progress.Reports.Select(t => t.Number).Order());
        Assert.All(progress.Reports, reported =>
        {
            var final = result.Trials[reported.Number];
            Assert.Equal(final.State, reported.State);
            Assert.Equal(final.Value, reported.Value);
            Assert.Equal(final.Parameters, reported.Parameters);
        });
        Assert.All(recordedWhenReported, state => Assert.NotEqual(TrialState.Running, state));
        Assert.Equal(4, progress.Reports.Count(t => t.State == TrialState.Failed));
    }

    [Fact]
    public async Task ReportsOfTheObjectiveAreKeptWithTheTrial()
    {
        var objective = TestObjective.FromTrial(t =>
        {
            t.Report(1, 0.5);
            t.Report(2, 0.25);
            return 0.25;
        });
        var progress = new SyncProgress<Trial<TestParameters>>();

        var result = await Study.Create(objective).OptimizeAsync(trials: 2, progress: progress);

        Assert.All(result.Trials, t => Assert.Equal([new IntermediateValue(1, 0.5), new IntermediateValue(2, 0.25)], t.Record.Reports));
        Assert.All(progress.Reports, t => Assert.Equal(2, t.Record.Reports.Count));
    }
}
