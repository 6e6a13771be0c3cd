using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Faults outside the objective stop the whole study and surface; a study runs one optimisation at a time.</summary>
public sealed class StudyFaultTests
{
    [Fact]
    public async Task ASamplerFaultStopsTheStudyAndCancelsRunningTrials()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var running = new CountdownEvent(2);
        var objective = new TestObjective(async (_, _, ct) =>
        {
            running.Signal();
            await release.Task.WaitAsync(ct);
            return 1.0;
        });
        var sampler = new FaultingSampler(failOnTrial: 2, waitFor: running); // fails once trials 0 and 1 are running
        var storage = new InMemoryStudyStorage();
        var study = Study.Create(objective, new StudyOptions { Name = "s", Sampler = sampler, Storage = storage });

        // Trials 0 and 1 are enqueued, so they run without the sampler; trial 2 is the sampler's first.
        await study.EnqueueAsync(new TestParameters(1e-3, 0.2, 2, "adam"));
        await study.EnqueueAsync(new TestParameters(1e-2, 0.3, 3, "sgd"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => study.OptimizeAsync(trials: 10, parallelism: 3));

        Assert.Equal("sampler broke on trial 2", error.Message);
        var trials = (await storage.GetChangesAsync("s", 0, CancellationToken.None)).Trials;
        Assert.Equal([TrialState.Cancelled, TrialState.Cancelled, TrialState.Cancelled], trials.Select(t => t.State));
        Assert.Equal("Cancelled: the study was stopped.", trials[0].Error);
        Assert.Equal(
            "Cancelled: choosing its parameters failed (InvalidOperationException: sampler broke on trial 2), which stopped the study.",
            trials.Single(t => !t.HasParameters).Error);
    }

    [Fact]
    public async Task AProgressFaultStopsTheStudyAfterTheTrialIsRecorded()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number));
        var progress = new SyncProgress<Trial<TestParameters>>(_ => throw new IOException("console gone"));

        var error = await Assert.ThrowsAsync<IOException>(() => study.OptimizeAsync(trials: 5, parallelism: 1, progress));

        Assert.Equal("console gone", error.Message);
        var trial = Assert.Single(await study.GetTrialsAsync());
        Assert.Equal(TrialState.Complete, trial.State);
    }

    [Fact]
    public async Task ASecondConcurrentOptimizeIsRefusedAndTheFirstFinishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var study = Study.Create(new TestObjective(async (_, t, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return t.Number;
        }));

        var first = study.OptimizeAsync(trials: 2, parallelism: 2);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => study.OptimizeAsync(trials: 2));
        release.SetResult();
        var result = await first;

        Assert.Contains("already optimising", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Count(TrialState.Complete));
        var again = await study.OptimizeAsync(trials: 1); // one more
        Assert.Equal(3, again.Trials.Count);
    }

    private sealed class FaultingSampler(int failOnTrial, CountdownEvent? waitFor = null) : ISampler
    {
        private readonly RandomSampler _random = new();

        public double[] Suggest(SamplingContext context)
        {
            if (context.TrialNumber != failOnTrial)
            {
                return _random.Suggest(context);
            }

            if (waitFor is not null && !waitFor.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The other trials never started.");
            }

            throw new InvalidOperationException($"sampler broke on trial {failOnTrial}");
        }
    }
}
