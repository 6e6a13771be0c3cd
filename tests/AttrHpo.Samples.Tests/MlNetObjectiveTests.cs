using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;
using MlNet;

namespace AttrHpo.Samples.Tests;

/// <summary>samples/MlNet's objective, called for one configuration, and its study for a few trials.</summary>
public sealed class MlNetObjectiveTests
{
    // The log-loss of always predicting the share of malignant tumours (about 0.37): 0.66 in nats, 0.95 in bits. A model
    // that learned anything from the measurements is well below it, whichever base ML.NET's log-loss uses.
    private const double PriorLogLoss = 0.66;

    [Fact]
    public void OneConfigurationGivesAFiniteValidationLossWellBelowThePriorsAndTheSameOneAgain()
    {
        var loss = Train(seed: 7);

        Assert.True(double.IsFinite(loss) && loss > 0 && loss < PriorLogLoss / 2, $"validation log-loss {loss}");
        Assert.Equal(loss, Train(seed: 7));
    }

    [Fact]
    public void MoreTreesFitTheTrainingExamplesBetter()
    {
        var ml = new MLContext(seed: 3);
        var settings = new TreeSettings(LearningRate: 0.1, Leaves: 8, MinExamplesPerLeaf: 10, L2: 0.1, FeatureFraction: 0.8);
        var train = BoostedTrees.Data.Train;

        var few = BoostedTrees.Evaluate(ml, BoostedTrees.Fit(ml, settings, trees: BoostedTrees.MinTrees, seed: 3, train), train).LogLoss;
        var many = BoostedTrees.Evaluate(ml, BoostedTrees.Fit(ml, settings, trees: BoostedTrees.MaxTrees, seed: 3, train), train).LogLoss;

        Assert.True(many < few / 2, $"training log-loss {few} with {BoostedTrees.MinTrees} trees, {many} with {BoostedTrees.MaxTrees}");
    }

    [Fact]
    public async Task TheStudyPromotesTheBestConfigurationsToThreeTimesTheTrees()
    {
        var study = BoostedTrees.TrainStudy.Create(new StudyOptions { Name = "lightgbm", Seed = 5, Promotion = Promotion.Asha(reductionFactor: 3) });
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await study.OptimizeAsync(12, 1, cancellationToken: patience.Token);

        Assert.Equal(12, result.Count(TrialState.Complete));
        Assert.All(result.Trials, t => Assert.True(double.IsFinite(t.Value!.Value), $"trial {t.Number}: {t.Value}"));
        Assert.All(result.Trials, t => Assert.Contains(t.Record.Budget, new long?[] { 10, 30, 90, 270 }));
        var promoted = result.Trials.Where(t => t.Record.PromotedFrom is not null).ToList();
        Assert.NotEmpty(promoted);
        Assert.All(promoted, t =>
        {
            var from = Assert.Single(result.Trials, s => s.Number == t.Record.PromotedFrom);
            Assert.Equal(3 * from.Record.Budget, t.Record.Budget);
            Assert.Equal(from.Parameters, t.Parameters);
        });
        Assert.Equal(promoted.Count, promoted.Select(t => t.Record.PromotedFrom).Distinct().Count()); // none promoted twice
    }

    private static double Train(int seed) =>
        BoostedTrees.Train(
            learningRate: 0.1,
            leaves: 8,
            minExamplesPerLeaf: 10,
            l2: 0.1,
            featureFraction: 0.8,
            trees: 100,
            new TrialContext("mlnet-test", 0, seed, NullLogger.Instance));
}
