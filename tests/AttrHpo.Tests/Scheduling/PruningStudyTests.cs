using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Scheduling;

/// <summary>Early stopping inside a study: the rule sees every report, pruned trials are recorded as such, and a resumed study remembers.</summary>
public sealed class PruningStudyTests
{
    /// <summary>A learning curve per trial: trials with a larger learning rate converge to a worse loss, all improve with steps.</summary>
    private static double Curve(TestParameters parameters, long step) => Math.Abs(Math.Log10(parameters.LearningRate) + 3) + (1.0 / step);

    private static TestObjective Epochs(int epochs) => new((parameters, trial, _) =>
    {
        for (var step = 1; step <= epochs; step++)
        {
            trial.ReportOrPrune(step, Curve(parameters, step));
        }

        return ValueTask.FromResult(Curve(parameters, epochs));
    });

    /// <summary>Training code that catches cancellation (to return what it has) does not swallow a prune.</summary>
    [Fact]
    public async Task CatchingCancellationInTheObjectiveDoesNotSwallowAPrune()
    {
        var objective = new TestObjective((parameters, trial, ct) =>
        {
            try
            {
                for (var step = 1; step <= 9; step++)
                {
                    ct.ThrowIfCancellationRequested();
                    trial.ReportOrPrune(step, Curve(parameters, step));
                }
            }
            catch (OperationCanceledException)
            {
                return ValueTask.FromResult(-1.0); // what a careless loop returns when stopped
            }

            return ValueTask.FromResult(Curve(parameters, 9));
        });
        var options = new StudyOptions { Seed = 7, Pruning = Pruning.SuccessiveHalving(minResource: 1, reductionFactor: 3) };

        var result = await Study.Create(objective, options).OptimizeAsync(trials: 20);

        Assert.Contains(result.Trials, t => t.State == TrialState.Pruned);
        Assert.DoesNotContain(result.Trials, t => t.Value == -1.0);
    }

    [Fact]
    public async Task SuccessiveHalvingPrunesMostTrialsAndRecordsThemAsPrunedWithTheirLastValue()
    {
        var options = new StudyOptions { Seed = 7, Pruning = Pruning.SuccessiveHalving(minResource: 1, reductionFactor: 3) };

        var result = await Study.Create(Epochs(9), options).OptimizeAsync(trials: 40);

        var pruned = result.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.InRange(pruned.Count, 20, 39);
        Assert.DoesNotContain(result.Trials, t => t.State == TrialState.Failed);
        Assert.All(pruned, t =>
        {
            Assert.Null(t.Error);
            Assert.Equal(t.Record.Reports[^1].Value, t.Value);
            Assert.Contains(t.Record.Reports[^1].Step, new long[] { 1, 3, 9 }); // stopped at a rung, nowhere else
        });
        Assert.Equal(TrialState.Complete, result.Best.State);
        Assert.Equal(9, result.Best.Record.Reports.Count);
    }

    [Fact]
    public async Task WithoutARuleNothingIsPruned()
    {
        var result = await Study.Create(Epochs(3), new StudyOptions { Seed = 7 }).OptimizeAsync(trials: 10);

        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public async Task AResumedStudyJudgesNewTrialsAgainstEarlierOnes()
    {
        var storage = new InMemoryStudyStorage();
        var options = new StudyOptions { Name = "resume", Seed = 3, Storage = storage, Pruning = Pruning.SuccessiveHalving(reductionFactor: 2) };
        await Study.Create(TestObjective.FromTrial(t => { t.Report(1, 0.1); return 0.1; }), options).OptimizeAsync(trials: 4);

        // A new study object (a new process, say): its first trial reports worse than all four earlier ones at the first rung.
        var resumed = await Study.Create(
            new TestObjective((_, trial, _) =>
            {
                trial.ReportOrPrune(1, 0.9);
                return ValueTask.FromResult(0.9);
            }),
            options).OptimizeAsync(trials: 1);

        Assert.Equal(TrialState.Pruned, resumed.Trials.Single(t => t.Number == 4).State);
    }

    [Fact]
    public async Task AskedTrialsSeeTheRuleToo()
    {
        var study = Study.Create(TestObjective.FromFunc(_ => 0), new StudyOptions { Pruning = Pruning.SuccessiveHalving(reductionFactor: 2) });
        var first = await study.AskAsync();
        first.Context.Report(1, 0.1);
        await study.TellAsync(first, 0.1);

        var second = await study.AskAsync();
        second.Context.Report(1, 0.5);

        Assert.False(first.Context.ShouldPrune);
        Assert.True(second.Context.ShouldPrune);
        Assert.Throws<TrialPrunedException>(second.Context.Prune);
    }

    [Fact]
    public async Task NaNReportStopsATrialAsPrunedWithoutAValue()
    {
        var options = new StudyOptions { Pruning = Pruning.SuccessiveHalving() };
        var objective = new TestObjective((_, trial, _) =>
        {
            trial.ReportOrPrune(1, double.NaN);
            return ValueTask.FromResult(1.0);
        });

        var study = Study.Create(objective, options);
        await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeAsync(trials: 2)); // no trial completes

        var trials = await study.GetTrialsAsync();
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Null(t.Value);
        });
    }

    [Fact]
    public async Task PruningAnywhereInTheObjectiveIsNotAFailure()
    {
        var objective = new TestObjective((_, trial, _) =>
        {
            trial.Report(1, 2.5);
            trial.Prune(); // the objective's own decision, no rule needed
            return ValueTask.FromResult(0.0);
        });

        var study = Study.Create(objective, new StudyOptions { Retry = new RetryPolicy(), FailFastAfter = 1 });
        await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeAsync(trials: 3));
        var trials = await study.GetTrialsAsync();

        Assert.Equal(3, trials.Count); // FailFastAfter = 1 did not stop the study: pruned is not failed; nor was anything retried
        Assert.All(trials, t => Assert.Equal((TrialState.Pruned, (double?)2.5, 1), (t.State, t.Value, t.Record.Reports.Count)));
    }
}
