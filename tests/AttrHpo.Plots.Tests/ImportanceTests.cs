namespace AttrHpo.Plots.Tests;

/// <summary>Permutation importance on a function whose answer is known: f = 10·x1 + 1·x2 + 0·x3 on uniform trials.</summary>
public sealed class ImportanceTests
{
    private static readonly SearchSpace Space = new([new RealDimension("x1", 0, 1), new RealDimension("x2", 0, 1), new RealDimension("x3", 0, 1)]);

    [Fact]
    public async Task ALinearFunctionsParametersAreRankedByTheirWeight()
    {
        var plots = new StudyPlots(UniformTrials(200, seed: 1, p => (10 * p[0]) + p[1]), Space, Direction.Minimize, "linear");

        var importance = await plots.GetImportanceAsync();

        Assert.Equal(["x1", "x2", "x3"], importance.Select(p => p.Parameter));
        var (x1, x2, x3) = (importance[0], importance[1], importance[2]);
        Assert.InRange(importance.Sum(p => p.Importance), 0.999, 1.001);
        // Shuffling x1 adds about 2·Var(10·x1) = 200/12 ≈ 16.7 to the squared error; x2 about 2/12 ≈ 0.17; x3 nothing.
        Assert.InRange(x1.ErrorIncrease, 10, 25);
        Assert.InRange(x2.ErrorIncrease, 0.03, 0.5);
        Assert.InRange(x3.ErrorIncrease, -0.01, 0.01);
        Assert.True(x1.Importance > 0.95, $"x1's share is {x1.Importance}");
        Assert.True(x3.Importance < 0.002, $"x3's share is {x3.Importance}");
    }

    [Fact]
    public async Task TheSameTrialsAndSeedGiveTheSameImportancesAndAnotherSeedOthers()
    {
        var trials = UniformTrials(60, seed: 2, p => p[0] + p[1]);

        var first = await new StudyPlots(trials, Space, Direction.Minimize, "s", new PlotOptions { Seed = 7 }).GetImportanceAsync();
        var again = await new StudyPlots(trials, Space, Direction.Minimize, "s", new PlotOptions { Seed = 7 }).GetImportanceAsync();
        var other = await new StudyPlots(trials, Space, Direction.Minimize, "s", new PlotOptions { Seed = 8 }).GetImportanceAsync();

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(p => p.ErrorIncrease), other.Select(p => p.ErrorIncrease));
    }

    [Fact]
    public void TheForestPredictsAStepFunctionItWasFittedTo()
    {
        double[][] x = [.. Enumerable.Range(0, 40).Select(i => new[] { i / 40.0 })];
        double[] y = [.. x.Select(r => r[0] < 0.5 ? 1.0 : 5.0)];

        var forest = RandomForest.Fit(x, y, trees: 30, seed: 1);

        Assert.InRange(forest.Predict([0.1]), 0.9, 1.5);
        Assert.InRange(forest.Predict([0.9]), 4.5, 5.1);
    }

    /// <summary>Complete trials at uniform random points of the unit cube, valued by <paramref name="f"/>.</summary>
    internal static List<TrialRecord> UniformTrials(int count, int seed, Func<double[], double> f)
    {
        var random = new Random(seed);
        return
        [
            .. Enumerable.Range(0, count).Select(i =>
            {
                double[] point = [random.NextDouble(), random.NextDouble(), random.NextDouble()];
                return new TrialRecord { Number = i, State = TrialState.Complete, Point = point, ParametersJson = "{}", Value = f(point) };
            }),
        ];
    }
}
