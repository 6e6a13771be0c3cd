using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>The same seed runs the same trials, whatever the parallelism; another seed runs others.</summary>
public sealed class StudyDeterminismTests
{
    private static readonly TestObjective Objective = new(async (p, t, ct) =>
    {
        // Finish in an order that depends on the parameters, so that parallel runs interleave differently.
        for (var i = 0; i < (int)p.Layers; i++)
        {
            await Task.Yield();
        }

        return p.LearningRate + t.Seed;
    });

    private static Task<StudyResult<TestParameters>> RunAsync(ulong seed, int trials, int parallelism) =>
        Study.Create(Objective, new StudyOptions { Seed = seed }).OptimizeAsync(trials, parallelism);

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task SameSeedGivesTheSameTrialsAtAnyParallelism(int parallelism)
    {
        var serial = await RunAsync(seed: 42, trials: 40, parallelism: 1);
        var parallel = await RunAsync(seed: 42, trials: 40, parallelism);

        Assert.Equal(Enumerable.Range(0, 40), parallel.Trials.Select(t => t.Number));
        for (var n = 0; n < 40; n++)
        {
            Assert.Equal(serial.Trials[n].Parameters, parallel.Trials[n].Parameters);
            Assert.Equal(serial.Trials[n].Record.Point, parallel.Trials[n].Record.Point);
            Assert.Equal(serial.Trials[n].Record.ParametersJson, parallel.Trials[n].Record.ParametersJson);
            Assert.Equal(serial.Trials[n].Value, parallel.Trials[n].Value);
        }

        Assert.Equal(serial.Best.Number, parallel.Best.Number);
    }

    [Fact]
    public async Task DifferentSeedsGiveDifferentTrials()
    {
        var a = await RunAsync(seed: 1, trials: 20, parallelism: 2);
        var b = await RunAsync(seed: 2, trials: 20, parallelism: 2);
        var same = Enumerable.Range(0, 20).Count(n => a.Trials[n].Parameters == b.Trials[n].Parameters);
        Assert.True(same <= 1, $"{same} of 20 trials had the same parameters under different seeds");
        Assert.NotEqual(a.Trials.Select(t => t.Record.Point[0]), b.Trials.Select(t => t.Record.Point[0]));
    }

    [Fact]
    public async Task TrialSeedsAreReproducibleAndDistinct()
    {
        var seeds1 = new int[10];
        var seeds2 = new int[10];
        await Study.Create(TestObjective.FromTrial(t => seeds1[t.Number] = t.Seed), new StudyOptions { Seed = 9 }).OptimizeAsync(10, 3);
        await Study.Create(TestObjective.FromTrial(t => seeds2[t.Number] = t.Seed), new StudyOptions { Seed = 9 }).OptimizeAsync(10, 1);
        Assert.Equal(seeds1, seeds2);
        Assert.Equal(10, seeds1.Distinct().Count());
    }

    [Fact]
    public async Task EachTrialRecordsTheSeedItsObjectiveWasGiven()
    {
        var given = new int[6];
        var result = await Study.Create(TestObjective.FromTrial(t => given[t.Number] = t.Seed), new StudyOptions { Seed = 3 }).OptimizeAsync(6, 2);
        Assert.Equal(given, result.Trials.Select(t => t.Record.Seed));
    }

    [Fact]
    public async Task AContinuedStudyRunsTheTrialsAFreshOneWould()
    {
        var continued = Study.Create(Objective, new StudyOptions { Seed = 5 });
        await continued.OptimizeAsync(6, 2);
        var result = await continued.OptimizeAsync(4, 3); // four more trials
        var fresh = await RunAsync(seed: 5, trials: 10, parallelism: 1);
        Assert.Equal(fresh.Trials.Select(t => t.Parameters), result.Trials.Select(t => t.Parameters));
    }
}
