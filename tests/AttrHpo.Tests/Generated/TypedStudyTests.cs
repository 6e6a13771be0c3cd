namespace AttrHpo.Tests.Generated;

/// <summary>The whole path a user takes: an annotated method, the code the generator wrote for it, a typed study.</summary>
public static partial class Branin
{
    /// <summary>The Branin function (minimum 0.397887 at three points), with an integer and a choice added.</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> EvaluateAsync(
        [Hyperparameter(-5.0, 10.0)] double x1,
        [Hyperparameter(0.0, 15.0)] double x2,
        [Hyperparameter(0, 4, Step = 2)] int penalty,
        [Hyperparameter("none", "tiny")] string noise,
        [Budget(1, 9)] int epochs,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        trial.Report(epochs, x1);
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        var value = Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
        return value + penalty + (noise == "tiny" ? 1e-3 : 0);
    }
}

public sealed class TypedStudyTests
{
    [Fact]
    public async Task A_generated_study_returns_typed_parameters_and_finds_a_good_region()
    {
        var study = Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 7 });

        StudyResult<Branin.EvaluateAsyncParameters> result = await study.OptimizeAsync(trials: 300, parallelism: 4);

        Branin.EvaluateAsyncParameters best = result.Best.Parameters;
        Assert.Equal(300, result.Count(TrialState.Complete));
        Assert.Equal(0, best.Penalty);
        Assert.InRange(best.X1, -5.0, 10.0);
        Assert.InRange(result.Best.Value!.Value, 0.397887, 1.5); // random search over 300 points lands near a minimum
        Assert.All(result.Trials, t => Assert.Contains(t.Parameters.Penalty, new[] { 0, 2, 4 }));
        Assert.All(result.Trials, t => Assert.Equal(9, t.Record.Reports.Single().Step)); // no scheduler yet: the full budget
    }

    [Fact]
    public void The_generated_search_space_mirrors_the_annotations()
    {
        var space = Branin.EvaluateAsyncStudy.Objective.Space;

        Assert.Equal(["x1", "x2", "penalty", "noise"], space.Dimensions.Select(d => d.Name));
        Assert.Equal(3, space.Dimensions[2].Cardinality);
        Assert.Equal(new BudgetRange("epochs", 1, 9), Branin.EvaluateAsyncStudy.Objective.Budget);
        Assert.Equal("AttrHpo.Tests.Generated.Branin.EvaluateAsync", Branin.EvaluateAsyncStudy.Objective.Id);
    }

    [Fact]
    public void The_registry_of_this_assembly_finds_the_generated_objective()
    {
        var registry = ObjectiveRegistry.FromAssembly(typeof(Branin).Assembly);

        Assert.Same(Branin.EvaluateAsyncStudy.Objective.GetType(), registry.Get("AttrHpo.Tests.Generated.Branin.EvaluateAsync").GetType());
    }
}
