using System.Collections.Concurrent;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>A trial that throws, returns a non-finite value or cancels itself is recorded as such, and the study goes on.</summary>
public sealed class StudyFailureTests
{
    [Fact]
    public async Task ThrowingTrialsFailAndTheRestComplete()
    {
        var objective = TestObjective.FromTrial(t => t.Number % 3 == 1 ? throw new InvalidOperationException($"boom {t.Number}") : t.Number);

        var result = await Study.Create(objective).OptimizeAsync(trials: 9, parallelism: 3);

        Assert.Equal(9, result.Trials.Count);
        foreach (var trial in result.Trials)
        {
            if (trial.Number % 3 == 1)
            {
                Assert.Equal(TrialState.Failed, trial.State);
                Assert.Null(trial.Value);
                Assert.Equal($"System.InvalidOperationException: boom {trial.Number}", trial.Error);
            }
            else
            {
                Assert.Equal(TrialState.Complete, trial.State);
                Assert.Equal(trial.Number, trial.Value);
                Assert.Null(trial.Error);
            }

            Assert.NotNull(trial.Duration);
        }
    }

    [Fact]
    public async Task AnAsyncFaultIsRecordedLikeASynchronousOne()
    {
        var objective = new TestObjective(async (_, t, _) =>
        {
            await Task.Yield();
            return t.Number == 0 ? throw new FormatException("bad data") : 1.0;
        });

        var result = await Study.Create(objective).OptimizeAsync(trials: 2);
        Assert.Equal("System.FormatException: bad data", result.Trials[0].Error);
        Assert.Equal(TrialState.Complete, result.Trials[1].State);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public async Task NonFiniteValuesFail(double bad, string shown)
    {
        var objective = TestObjective.FromTrial(t => t.Number == 1 ? bad : 2.0);

        var result = await Study.Create(objective).OptimizeAsync(trials: 3, parallelism: 2);

        var failed = result.Trials[1];
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Null(failed.Value);
        Assert.Contains($"returned {shown};", failed.Error);
        Assert.Contains("finite", failed.Error);
        Assert.Equal(2, result.Count(TrialState.Complete));
    }

    [Fact]
    public async Task AnObjectiveCancellingItselfIsCancelledAndTheStudyGoesOn()
    {
        var objective = TestObjective.FromTrial(t => t.Number == 0 ? throw new OperationCanceledException("gave up") : 1.0);

        var result = await Study.Create(objective).OptimizeAsync(trials: 4, parallelism: 2);

        Assert.Equal(TrialState.Cancelled, result.Trials[0].State);
        Assert.Contains("Cancelled by the objective", result.Trials[0].Error);
        Assert.Contains("gave up", result.Trials[0].Error);
        Assert.Equal(4, result.Count(TrialState.Complete)); // a cancelled trial does not count: another runs in its place
        Assert.Equal(5, result.Trials.Count);
    }

    [Fact]
    public async Task WhenEveryTrialFailsTheStudyFailsWithTheFirstError()
    {
        var thrown = new ConcurrentDictionary<int, Exception>();
        var objective = TestObjective.FromTrial(t => throw thrown.GetOrAdd(t.Number, n => new InvalidOperationException($"boom {n}")));

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => Study.Create(objective, new StudyOptions { Name = "doomed" }).OptimizeAsync(trials: 4));

        Assert.Contains("'doomed'", error.Message);
        Assert.Contains("none of its 4 trials completed", error.Message);
        Assert.Contains("(trial 0): System.InvalidOperationException: boom 0", error.Message);
        Assert.Same(thrown[0], error.InnerException);
    }

    [Fact]
    public async Task TheInnerExceptionIsThatOfTheTrialTheMessageNamesEvenWhenItFinishesLast()
    {
        var thrown = new ConcurrentDictionary<int, Exception>();
        var othersDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var progress = new SyncProgress<Trial<TestParameters>>(_ =>
        {
            if (Interlocked.Increment(ref finished) == 3)
            {
                othersDone.TrySetResult();
            }
        });
        var objective = new TestObjective(async (_, t, _) =>
        {
            if (t.Number == 0)
            {
                // Trial 0 fails only after trials 1 to 3 have failed and been recorded.
                await othersDone.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }

            throw thrown.GetOrAdd(t.Number, n => new InvalidOperationException($"boom {n}"));
        });

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => Study.Create(objective).OptimizeAsync(trials: 4, parallelism: 4, progress));

        Assert.Contains("(trial 0): System.InvalidOperationException: boom 0", error.Message);
        Assert.Same(thrown[0], error.InnerException);
    }

    [Fact]
    public async Task WhenTheFirstFailureThrewNothingThereIsNoInnerException()
    {
        var objective = TestObjective.FromTrial(t => t.Number == 0 ? double.NaN : throw new InvalidOperationException("later"));

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => Study.Create(objective).OptimizeAsync(trials: 3));

        Assert.Contains("(trial 0): The objective returned NaN", error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task FailuresAreRecordedBeforeTheStudyFails()
    {
        var storage = new InMemoryStudyStorage();
        var study = Study.Create(TestObjective.FromTrial(_ => throw new InvalidOperationException("no")), new StudyOptions { Storage = storage });

        await Assert.ThrowsAsync<StudyFailedException>(() => study.OptimizeAsync(trials: 3, parallelism: 2));

        var trials = (await storage.GetChangesAsync(TestObjective.DefaultId, 0, CancellationToken.None)).Trials;
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Failed, t.State));
    }

    [Fact]
    public async Task AStudyWithAnEarlierCompleteTrialDoesNotFail()
    {
        var fail = false;
        var study = Study.Create(TestObjective.FromTrial(_ => Volatile.Read(ref fail) ? throw new InvalidOperationException("no") : 1.0));
        await study.OptimizeAsync(trials: 1);
        Volatile.Write(ref fail, true);

        var result = await study.OptimizeAsync(trials: 2); // two more trials, after the one that exists

        Assert.Equal(0, result.Best.Number);
        Assert.Equal(2, result.Count(TrialState.Failed));
    }
}
