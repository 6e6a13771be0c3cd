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

    [Theory]
    [InlineData(Direction.Minimize, 1)]
    [InlineData(Direction.Maximize, -1)]
    public async Task CompletedTrialsAreLossesSmallerIsBetter(Direction direction, double sign)
    {
        var sampler = new RecordingSampler();
        var objective = TestObjective.FromTrial(t => t.Number == 1 ? throw new InvalidOperationException("x") : t.Number * 10.0, direction);

        await Study.Create(objective, new StudyOptions { Sampler = sampler, Seed = 77 }).OptimizeAsync(4);

        Assert.Equal([0, 1, 2, 3], sampler.Contexts.Select(c => c.TrialNumber));
        Assert.All(sampler.Contexts, c => Assert.Equal(77UL, c.Seed));
        Assert.All(sampler.Contexts, c => Assert.Empty(c.Pending));
        var last = sampler.Contexts[3];
        Assert.Equal([0.0, sign * 20.0], last.Completed.Select(o => o.Loss));
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
}
