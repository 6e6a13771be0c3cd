using System.Text.Json;

namespace AttrHpo.Benchmarks.Tests;

public sealed class QualityRunnerTests
{
    [Fact]
    public async Task WritesRegretAtEachCheckpointForEverySeedAsJson()
    {
        var path = Path.Combine(Path.GetTempPath(), $"quality-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, await QualityRunner.RunAsync("branin", "sobol", budget: 60, batch: 4, seeds: 3, path));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var root = json.RootElement;
            Assert.Equal("branin", root.GetProperty("function").GetString());
            Assert.Equal("sobol", root.GetProperty("sampler").GetString());
            Assert.Equal(4, root.GetProperty("batch").GetInt32());
            var regret = root.GetProperty("regret_at");
            Assert.Equal(["25", "50", "60"], regret.EnumerateObject().Select(p => p.Name));
            foreach (var checkpoint in regret.EnumerateObject())
            {
                Assert.Equal(3, checkpoint.Value.GetArrayLength());
                Assert.All(checkpoint.Value.EnumerateArray(), v => Assert.True(v.GetDouble() >= 0));
            }

            // Regret never grows as evaluations accumulate.
            for (var seed = 0; seed < 3; seed++)
            {
                Assert.True(regret.GetProperty("50")[seed].GetDouble() <= regret.GetProperty("25")[seed].GetDouble());
            }

            Assert.Equal(3, root.GetProperty("seconds").GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RegretIsTheBestValueSoFarMinusTheKnownMinimumOfTheTrialsTheStudyRecorded()
    {
        // Batches of 4 asked before any is told: trial n's point is the sampler's point n; recompute the regret by hand.
        var function = BenchmarkFunctions.Get("hartmann6");
        var (regret, _) = await QualityStudy.RunAsync(function, "random", budget: 25, batch: 4, seed: 5, CancellationToken.None);
        var sampler = new RandomSampler();
        var best = double.PositiveInfinity;
        for (var n = 0; n < 25; n++)
        {
            var point = sampler.Suggest(new SamplingContext(function.Space, n, 5, [], []));
            best = Math.Min(best, function.Evaluate(function.Decode(point)));
        }

        Assert.Equal(best - function.KnownMinimum, Assert.Single(regret), 12);
    }

    [Fact]
    public async Task AnUnknownOrMissingSamplerFailsWithAMessageNotAStackTrace()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await QualityRunner.RunAsync("branin", "tpe", budget: 10, batch: 4, seeds: 1, jsonPath: null));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("Unknown sampler 'tpe': use one of random, sobol", error.ToString(), StringComparison.Ordinal);
        if (!QualitySamplers.Names.Contains("gp"))
        {
            var missing = Assert.Throws<ArgumentException>(() => QualitySamplers.Create("gp"));
            Assert.Contains("GpSampler", missing.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("optimize")]
    [InlineData("processes")]
    public async Task TheOptimizeAndProcessPathsRunTheWholeBudgetWithoutNearDuplicates(string path)
    {
        var function = BenchmarkFunctions.Get("branin");
        var settings = new QualitySettings(QualitySettings.ParsePath(path), TrialMilliseconds: 5, Processes: 2);

        var outcome = await QualityStudy.RunAsync(function, "cells", budget: 30, batch: 3, seed: 1, CancellationToken.None, settings);

        Assert.Equal(2, outcome.Regret.Length); // @25, @30
        Assert.True(outcome.Regret[1] <= outcome.Regret[0]);
        Assert.Equal(0, outcome.NearDuplicates); // the cells sampler takes a free cell: a blind sample would repeat one
    }

    [Fact]
    public void ANearDuplicateIsWithinHalfAPercentOfOneOfTheThreeTrialsBefore()
    {
        double[][] points = [[0.1, 0.1], [0.5, 0.5], [0.9, 0.9], [0.104, 0.096], [0.7, 0.7], [0.3, 0.3], [0.2, 0.2], [0.5, 0.5], [0.5, 0.506]];

        // Trial 3 repeats trial 0 (three before it); trial 7 repeats trial 1, four before it: not counted; trial 8 is 0.006 away.
        Assert.Equal(1, SeedOutcome.CountNearDuplicates(points));
    }
}
