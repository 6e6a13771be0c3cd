using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>What a sampler sees: the trial number and seed, finished values as losses (negated when maximising), running points.</summary>
public sealed class StudySamplerContextTests
{
    private sealed class RecordingSampler : ISampler
    {
        public List<SamplingContext> Contexts { get; } = [];

        public TaskCompletionSource Proposed2 { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public double[] Suggest(SamplingContext context)
        {
            lock (Contexts)
            {
                Contexts.Add(context);
            }

            if (context.TrialNumber == 2)
            {
                Proposed2.TrySetResult();
            }

            return [0.5, 0.5, (context.TrialNumber + 0.5) / 8, 0.5];
        }
    }

    /// <summary>Trial 1 throws: it is a failed trial, which samplers see as worse than any value (+infinity).</summary>
    [Theory]
    [InlineData(Direction.Minimize, 1)]
    [InlineData(Direction.Maximize, -1)]
    public async Task FinishedTrialsAreLossesSmallerIsBetterAndFailedOnesInfinitelyBad(Direction direction, double sign)
    {
        var sampler = new RecordingSampler();
        var objective = TestObjective.FromTrial(t => t.Number == 1 ? throw new InvalidOperationException("x") : t.Number * 10.0, direction);

        await Study.Create(objective, new StudyOptions { Sampler = sampler, Seed = 77 }).OptimizeAsync(4);

        Assert.Equal([0, 1, 2, 3], sampler.Contexts.Select(c => c.TrialNumber));
        Assert.All(sampler.Contexts, c => Assert.Equal(77UL, c.Seed));
        Assert.All(sampler.Contexts, c => Assert.Empty(c.Pending));
        var last = sampler.Contexts[3];
        Assert.Equal([0.0, double.PositiveInfinity, sign * 20.0], last.Completed.Select(o => o.Loss));
        Assert.Equal(0.5 / 8, last.Completed[0].Point[2]);
    }

    [Fact]
    public async Task RunningTrialsArePending()
    {
        var sampler = new RecordingSampler();
        var zeroRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new TestObjective(async (_, t, _) =>
        {
            if (t.Number == 0)
            {
                // Trial 0 keeps running until the sampler has proposed trial 2 (after trial 1 finished).
                zeroRunning.SetResult();
                await sampler.Proposed2.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
            else if (t.Number == 1)
            {
                // Trial 1 finishes only once trial 0 runs (so has its parameters), however the workers were scheduled.
                await zeroRunning.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }

            return t.Number;
        });

        await Study.Create(objective, new StudyOptions { Sampler = sampler }).OptimizeAsync(3, parallelism: 2);

        var context = sampler.Contexts.Single(c => c.TrialNumber == 2);
        var pending = Assert.Single(context.Pending);
        Assert.Equal(0.5 / 8, pending[2]);
        var completed = Assert.Single(context.Completed);
        Assert.Equal(1.0, completed.Loss);
        Assert.Equal(1.5 / 8, completed.Point[2]);
    }

    /// <summary>
    /// Four parameters, so a step or the final results need max(5, 4 + 2) = 6 of them. Trials 0..6 report step 1 and are
    /// pruned; later ones complete. While fewer than 6 are complete, the sampler models step 1, which every trial reported;
    /// then every finished trial, the pruned ones as infinitely bad.
    /// </summary>
    [Fact]
    public async Task PrunedTrialsInformTheSamplerThroughTheStepTheyReported()
    {
        var sampler = new RecordingSampler();
        var objective = new TestObjective((_, t, _) =>
        {
            t.Report(1, t.Number);
            t.Report(2, 50 + t.Number);
            if (t.Number < 7)
            {
                t.Prune();
            }

            return ValueTask.FromResult(100.0 + t.Number);
        });

        await Study.Create(objective, new StudyOptions { Sampler = sampler }).OptimizeAsync(14);

        // Trial 5: five pruned, below six at any step: all finished trials, each worse than any value.
        Assert.Equal(Enumerable.Repeat(double.PositiveInfinity, 5), Losses(sampler, 5));

        // Trial 7: seven pruned trials reported steps 1 and 2; the largest step with six values is 2.
        Assert.Equal(Enumerable.Range(0, 7).Select(n => 50.0 + n), Losses(sampler, 7));

        // Trial 12: five complete (which reported steps 1 and 2 as well): step 2 has twelve values.
        Assert.Equal(Enumerable.Range(0, 12).Select(n => 50.0 + n), Losses(sampler, 12));

        // Trial 13: six complete: the final values, the pruned trials infinitely bad.
        Assert.Equal([.. Enumerable.Repeat(double.PositiveInfinity, 7), .. Enumerable.Range(7, 6).Select(n => 100.0 + n)], Losses(sampler, 13));
    }

    [Fact]
    public async Task CancelledTrialsSayNothingToTheSampler()
    {
        var sampler = new RecordingSampler();
        var study = Study.Create(TestObjective.FromTrial(t => t.Number), new StudyOptions { Sampler = sampler });
        await study.OptimizeAsync(2);
        var asked = await study.AskAsync();
        await study.TellAsync(asked.Number, TrialState.Cancelled, "changed my mind");

        await study.OptimizeAsync(StopCondition.TotalTrials(4));

        Assert.Equal([0.0, 1.0], Losses(sampler, 3));
    }

    private static IEnumerable<double> Losses(RecordingSampler sampler, int trial) =>
        sampler.Contexts.Single(c => c.TrialNumber == trial).Completed.Select(o => o.Loss);
}
