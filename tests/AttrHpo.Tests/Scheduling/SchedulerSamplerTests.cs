using AttrHpo.Tests.Generated;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Scheduling;

/// <summary>Schedulers combine with every sampler; under promotions, samplers see the results of one budget (BOHB's rule).</summary>
public sealed class SchedulerSamplerTests
{
    public static TheoryData<string> Samplers => ["random", "sobol", "grid", "gp"];

    [Theory]
    [MemberData(nameof(Samplers))]
    public async Task PromotionAndPruningWorkWithEverySampler(string name)
    {
        var promoted = await Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 3, Sampler = Sampler(name), Promotion = Promotion.Asha() })
            .OptimizeAsync(trials: 30, parallelism: 2);
        var curves = new TestObjective((parameters, trial, _) =>
        {
            for (var step = 1; step <= 5; step++)
            {
                trial.ReportOrPrune(step, parameters.LearningRate * 10 / step);
            }

            return ValueTask.FromResult(parameters.LearningRate * 2);
        });
        var pruned = await Study.Create(curves, new StudyOptions { Seed = 3, Sampler = Sampler(name), Pruning = Pruning.Median(startupTrials: 2) })
            .OptimizeAsync(trials: 30, parallelism: 2);

        Assert.Contains(promoted.Trials, t => t.Record.PromotedFrom is not null);
        Assert.Equal(30, promoted.Count(TrialState.Complete));
        Assert.Contains(pruned.Trials, t => t.State == TrialState.Pruned);
    }

    [Fact]
    public async Task SamplersSeeTheLargestBudgetWithEnoughResultsOrEverything()
    {
        var spy = new SpySampler();
        await Branin.EvaluateAsyncStudy.Create(new StudyOptions { Seed = 6, Sampler = spy, Promotion = Promotion.Asha(reductionFactor: 2) })
            .OptimizeAsync(trials: 80);

        // Branin has 4 dimensions: a budget is modelled alone once it has max(5, 4 + 2) = 6 results.
        Assert.All(spy.Seen, budgets =>
        {
            if (budgets.Count > 1)
            {
                Assert.All(budgets.Values, count => Assert.True(count < 6, "a budget with enough results is modelled alone"));
            }
        });
        Assert.Contains(spy.Seen, budgets => budgets.Count == 1 && budgets.Keys.Single() > 1 && budgets.Values.Single() >= 6);
    }

    private static ISampler Sampler(string name) => name switch
    {
        "sobol" => new SobolSampler(),
        "grid" => new GridSampler(resolution: 4) { Shuffle = true },
        "gp" => new GpSampler(),
        _ => new RandomSampler(),
    };

    private sealed class SpySampler : ISampler
    {
        private readonly RandomSampler _inner = new();

        public List<Dictionary<long, int>> Seen { get; } = [];

        public double[] Suggest(SamplingContext context)
        {
            lock (Seen)
            {
                Seen.Add(context.Completed.GroupBy(o => o.Budget!.Value).ToDictionary(g => g.Key, g => g.Count()));
            }

            return _inner.Suggest(context);
        }
    }
}
