using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Ask/tell: the caller runs the trials; the study samples, numbers and records them.</summary>
public sealed class AskTellTests
{
    [Fact]
    public async Task AskedTrialsAreTypedNumberedAndRecordedWhenTold()
    {
        var study = Study.Create(TestObjective.FromFunc(_ => 0), new StudyOptions { Seed = 11 });

        var first = await study.AskAsync();
        var second = await study.AskAsync();
        first.Context.Report(1, 0.9);
        var told = await study.TellAsync(first, 0.5);
        await study.TellAsync(second.Number, TrialState.Pruned);

        Assert.Equal([0, 1], new[] { first.Number, second.Number });
        Assert.Equal(TrialState.Complete, told.State);
        Assert.Equal(first.Parameters, told.Parameters);
        Assert.Equal([new IntermediateValue(1, 0.9)], told.Record.Reports);
        var trials = await study.GetTrialsAsync();
        Assert.Equal([TrialState.Complete, TrialState.Pruned], trials.Select(t => t.State));
    }

    [Fact]
    public async Task AskingGivesTheSameParametersAsOptimizingWithTheSameSeed()
    {
        var objective = TestObjective.FromFunc(p => p.LearningRate);
        var asked = Study.Create(objective, new StudyOptions { Seed = 4 });
        var optimized = await Study.Create(objective, new StudyOptions { Seed = 4 }).OptimizeAsync(trials: 3);

        var parameters = new List<TestParameters>();
        for (var i = 0; i < 3; i++)
        {
            var trial = await asked.AskAsync();
            parameters.Add(trial.Parameters);
            await asked.TellAsync(trial, trial.Parameters.LearningRate);
        }

        Assert.Equal(optimized.Trials.Select(t => t.Parameters), parameters);
    }

    [Fact]
    public async Task AnotherStudyObjectOnTheSameStorageCanTellByNumber()
    {
        var storage = new InMemoryStudyStorage();
        var objective = TestObjective.FromFunc(_ => 0);
        var asker = Study.Create(objective, new StudyOptions { Storage = storage });
        var teller = Study.Create(objective, new StudyOptions { Storage = storage });

        var trial = await asker.AskAsync();
        var told = await teller.TellAsync(trial.Number, 1.25);

        Assert.Equal(1.25, told.Value);
        Assert.Equal(trial.Parameters, told.Parameters);
    }

    [Fact]
    public async Task TellingTwiceOrTellingNonsenseIsRefusedClearly()
    {
        var study = Study.Create(TestObjective.FromFunc(_ => 0));
        var trial = await study.AskAsync();
        var failed = await study.TellAsync(trial, double.NaN);

        var twice = await Assert.ThrowsAsync<StudyStorageException>(() => study.TellAsync(trial, 1.0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.TellAsync(trial.Number, TrialState.Complete));

        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Contains("NaN", failed.Error);
        Assert.Contains("has already ended (Failed)", twice.Message);
    }

    [Fact]
    public async Task AnAskedTrialToldPrunedKeepsItsReportsAndLastValue()
    {
        var study = Study.Create(TestObjective.FromFunc(_ => 0), new StudyOptions { Pruning = Pruning.Median() });
        var trial = await study.AskAsync();
        trial.Context.Report(1, 0.9);
        trial.Context.Report(2, 0.7);
        trial.Context.SetAttribute("note", "slow");

        var told = await study.TellAsync(trial, TrialState.Pruned);

        Assert.Equal(TrialState.Pruned, told.State);
        Assert.Equal(0.7, told.Value);
        Assert.Equal([(1L, 0.9), (2L, 0.7)], told.Record.Reports.Select(r => (r.Step, r.Value)));
        Assert.Equal("slow", told.Record.Attributes["note"]);
        var stored = Assert.Single(await study.GetTrialsAsync());
        Assert.Equal(2, stored.Record.Reports.Count);
    }
}
