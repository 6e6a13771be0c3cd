using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>Trials really run at once, as many as asked for and never more.</summary>
public sealed class StudyConcurrencyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public async Task AsyncTrialsReachExactlyTheRequestedParallelism(int parallelism)
    {
        var (objective, maximum, running) = TrialsThatWaitFor(parallelism);

        var result = await Study.Create(objective, new StudyOptions { Seed = 1 }).OptimizeAsync(trials: parallelism * 5, parallelism);

        Assert.Equal(parallelism * 5, result.Count(TrialState.Complete));
        Assert.Equal(parallelism, maximum());
        Assert.Equal(0, running());
    }

    [Fact]
    public async Task WithoutAParallelismTheExecutorsSlotsRunAtOnce()
    {
        var (objective, maximum, _) = TrialsThatWaitFor(3);
        var executor = new InProcessExecutor(3);

        var result = await Study.Create(objective, new StudyOptions { Executor = executor }).OptimizeAsync(trials: 9);

        Assert.Equal(9, result.Count(TrialState.Complete));
        Assert.Equal(3, maximum());
    }

    [Fact]
    public async Task ParallelismAboveTheTrialCountRunsEveryTrialAtOnce()
    {
        var (objective, maximum, _) = TrialsThatWaitFor(3);

        var result = await Study.Create(objective).OptimizeAsync(trials: 3, parallelism: 16);
        Assert.Equal(3, result.Count(TrialState.Complete));
        Assert.Equal(3, maximum());
    }

    [Fact]
    public async Task BlockingSynchronousTrialsRunInParallel()
    {
        var running = 0;
        var maximum = 0;
        var objective = new TestObjective((_, _, _) =>
        {
            TrialFactory.RaiseTo(ref maximum, Interlocked.Increment(ref running));

            // Block this thread until another trial is inside too: proves overlap without relying on timing.
            var met = SpinWait.SpinUntil(() => Volatile.Read(ref maximum) >= 2, Patience);
            Interlocked.Decrement(ref running);
            return met ? ValueTask.FromResult(1.0) : throw new TimeoutException("The other trial never started.");
        });

        var result = await Study.Create(objective).OptimizeAsync(trials: 2, parallelism: 2);

        Assert.Equal(2, result.Count(TrialState.Complete));
        Assert.Equal(2, maximum);
    }

    [Fact]
    public async Task OptimizeAsyncReturnsBeforeASynchronousTrialFinishes()
    {
        using var released = new ManualResetEventSlim();

        // Were the trial run inline on the caller's thread, OptimizeAsync would not return until the wait timed out.
        var objective = new TestObjective((_, _, _) =>
            released.Wait(Patience) ? ValueTask.FromResult(1.0) : throw new TimeoutException("Ran on the caller's thread."));

        var pending = Study.Create(objective).OptimizeAsync(trials: 2, parallelism: 1);
        released.Set();
        var result = await pending;
        Assert.Equal(2, result.Count(TrialState.Complete));
    }

    /// <summary>
    /// Trials that each wait until <paramref name="atOnce"/> of them run together (later ones pass straight through; should that
    /// never happen, the gate opens after a while, so an assertion on the most that ran at once fails fast), the most that
    /// ran at once, and how many run now.
    /// </summary>
    private static (TestObjective Objective, Func<int> Maximum, Func<int> Running) TrialsThatWaitFor(int atOnce)
    {
        var running = 0;
        var maximum = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new TestObjective(async (_, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            TrialFactory.RaiseTo(ref maximum, now);
            try
            {
                if (now == atOnce)
                {
                    full.TrySetResult();
                }

                await Task.WhenAny(full.Task, Task.Delay(Patience, ct));
                full.TrySetResult();
                await Task.Delay(1, ct);
                return 1.0;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        });
        return (objective, () => Volatile.Read(ref maximum), () => Volatile.Read(ref running));
    }
}
