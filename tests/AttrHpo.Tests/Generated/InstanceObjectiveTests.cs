namespace AttrHpo.Tests.Generated;

/// <summary>Training code as it is usually written: an instance method of a class that holds its own data.</summary>
public sealed partial class LineFit(IReadOnlyList<(double X, double Y)> points)
{
    private int _calls;

    /// <summary>How many trials ran on this instance.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Points on the line y = <paramref name="slope"/> x.</summary>
    public static LineFit OnLine(double slope) => new([.. Enumerable.Range(-5, 11).Select(x => ((double)x, slope * x))]);

    /// <summary>The mean squared error of the line y = slope x over this instance's points.</summary>
    [Objective]
    public async Task<double> ErrorAsync([Hyperparameter(-5.0, 5.0)] double slope, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        return points.Average(p => Math.Pow(p.Y - (slope * p.X), 2));
    }
}

public sealed class InstanceObjectiveTests
{
    [Fact]
    public async Task A_study_runs_every_trial_on_the_instance_it_was_created_from()
    {
        var steep = LineFit.OnLine(2.0);

        var result = await LineFit.ErrorAsyncStudy.Create(steep, new StudyOptions { Seed = 3 }).OptimizeAsync(trials: 60, parallelism: 2);

        Assert.Equal(60, result.Count(TrialState.Complete));
        Assert.Equal(60, steep.Calls);
        Assert.InRange(result.Best.Parameters.Slope, 1.5, 2.5);
    }

    [Fact]
    public async Task Two_instances_with_different_data_in_one_process_give_their_own_results()
    {
        var rising = LineFit.OnLine(2.0);
        var falling = LineFit.OnLine(-3.0);
        var options = new StudyOptions { Seed = 11 };

        // Concurrently, with the same seed: the same slopes are tried, and only the data tells the studies apart.
        var results = await Task.WhenAll(
            LineFit.ErrorAsyncStudy.Create(rising, options).OptimizeAsync(trials: 60, parallelism: 1),
            LineFit.ErrorAsyncStudy.Create(falling, options).OptimizeAsync(trials: 60, parallelism: 1));

        Assert.InRange(results[0].Best.Parameters.Slope, 1.5, 2.5);
        Assert.InRange(results[1].Best.Parameters.Slope, -3.5, -2.5);
        Assert.Equal(60, rising.Calls);
        Assert.Equal(60, falling.Calls);
        Assert.Equal(results[0].Trials.Select(t => t.Parameters), results[1].Trials.Select(t => t.Parameters));
        Assert.NotEqual(results[0].Trials.Select(t => t.Value), results[1].Trials.Select(t => t.Value));
    }

    [Fact]
    public void The_space_and_the_record_are_those_of_a_static_objective()
    {
        var bound = LineFit.ErrorAsyncStudy.For(LineFit.OnLine(1.0));

        Assert.Equal("AttrHpo.Tests.Generated.LineFit.ErrorAsync", bound.Id);
        Assert.Equal(LineFit.ErrorAsyncStudy.Objective.Space.ToString(), bound.Space.ToString());
        Assert.Equal(new LineFit.ErrorAsyncParameters(0.5), bound.FromJson("""{"slope":0.5}"""));
        Assert.Throws<ArgumentNullException>(() => LineFit.ErrorAsyncStudy.Create(null!));
    }
}
