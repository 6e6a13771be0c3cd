using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Cancelling the study's token: running trials are recorded as cancelled, finished ones are kept, and the call throws.</summary>
public sealed class StudyCancellationTests
{
    [Fact]
    public async Task RunningTrialsAreCancelledAndFinishedOnesKept()
    {
        using var cts = new CancellationTokenSource();
        var blocked = 0;
        var allBlocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new TestObjective(async (_, t, ct) =>
        {
            if (t.Number < 3)
            {
                return t.Number;
            }

            // Trials 3 and 4 run until the study is stopped.
            if (Interlocked.Increment(ref blocked) == 2)
            {
                allBlocked.TrySetResult();
            }

            await Task.Delay(Timeout.Infinite, ct);
            return -1;
        });
        var study = Study.Create(objective);

        var run = study.OptimizeAsync(trials: 20, parallelism: 2, cancellationToken: cts.Token);
        await allBlocked.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var trials = await study.GetTrialsAsync();
        Assert.Equal([0, 1, 2, 3, 4], trials.Select(t => t.Number));
        Assert.All(trials.Take(3), t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(t.Number, t.Value);
        });
        Assert.All(trials.Skip(3), t =>
        {
            Assert.Equal(TrialState.Cancelled, t.State);
            Assert.Null(t.Value);
            Assert.Equal("Cancelled: the study was stopped.", t.Error);
            Assert.NotNull(t.Record.Finished);
        });
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenRunsNothing()
    {
        var ran = 0;
        var study = Study.Create(TestObjective.FromTrial(_ => Interlocked.Increment(ref ran)));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => study.OptimizeAsync(trials: 5, cancellationToken: cts.Token));

        Assert.Equal(0, ran);
        Assert.Empty(await study.GetTrialsAsync());
    }

    [Fact]
    public async Task ATrialThatIgnoresCancellationKeepsItsResult()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new TestObjective(async (_, _, _) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return 7.0;
        });
        var study = Study.Create(objective);

        var run = study.OptimizeAsync(trials: 10, parallelism: 1, cancellationToken: cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var trial = Assert.Single(await study.GetTrialsAsync());
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal(7.0, trial.Value);
    }
    [Fact]
    public async Task ATrialStoppedBeforeItHasParametersIsRecordedCancelledNotLeftRunning()
    {
        using var cancellation = new CancellationTokenSource();
        var storage = new InMemoryStudyStorage();
        var sampler = new CancellingSampler(cancellation, atTrial: 2);
        var study = Study.Create(TestObjective.FromFunc(_ => 1), new StudyOptions { Name = "s", Storage = storage, Sampler = sampler });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => study.OptimizeAsync(trials: 10, cancellationToken: cancellation.Token));

        var all = (await storage.GetChangesAsync("s", 0, CancellationToken.None)).Trials;
        Assert.Equal([TrialState.Complete, TrialState.Complete, TrialState.Cancelled], all.Select(t => t.State));
        Assert.False(all[2].HasParameters);
        Assert.Equal("Cancelled: the study was stopped.", all[2].Error);
    }

    /// <summary>Cancels the study while proposing the point of trial <c>atTrial</c>, as Ctrl+C at that moment would.</summary>
    private sealed class CancellingSampler(CancellationTokenSource cancellation, int atTrial) : ISampler
    {
        private readonly RandomSampler _inner = new();

        public double[] Suggest(SamplingContext context)
        {
            if (context.TrialNumber == atTrial)
            {
                cancellation.Cancel();
            }

            return _inner.Suggest(context);
        }
    }
}
