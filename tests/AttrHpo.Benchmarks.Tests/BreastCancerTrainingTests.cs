using System.Globalization;
using System.Text.Json;
using AttrHpo.Benchmarks.Training;

namespace AttrHpo.Benchmarks.Tests;

public sealed class BreastCancerTrainingTests
{
    private static readonly MlpSettings Decent = new(0.01, 32, 1e-4, "relu", 32);
    private static readonly MlpSettings Silly = new(1.0, 128, 1e-6, "relu", 8);

    [Fact]
    public void TheDataHas569RowsOf30FeaturesSplit398To171AndTrainingFeaturesAreStandardised()
    {
        var data = BreastCancerData.Default;
        Assert.Equal(569, data.Rows);
        Assert.Equal(30, data.FeatureCount);
        Assert.Equal(398, data.TrainRows);
        Assert.Equal(171, data.ValidationRows);
        Assert.Equal(398 * 30, data.TrainX.Length);
        Assert.Equal(171 * 30, data.ValidationX.Length);
        Assert.Equal(357, data.TrainY.Sum() + data.ValidationY.Sum()); // benign = 1, as breast_cancer.rst counts
        for (var f = 0; f < 30; f++)
        {
            var column = Enumerable.Range(0, 398).Select(r => data.TrainX[(r * 30) + f]).ToArray();
            Assert.Equal(0, column.Average(), 9);
            Assert.Equal(1, Math.Sqrt(column.Average(v => v * v)), 9);
        }
    }

    [Fact]
    public void TheSameParametersGiveTheSameLossTwiceAndThroughTheGeneratedObjective()
    {
        var first = BreastCancerTraining.Evaluate(Decent);
        var second = BreastCancerTraining.Evaluate(Decent);
        Assert.Equal(first.ValidationLoss, second.ValidationLoss);
        Assert.Equal(first.Objective, BreastCancerTraining.Train(Decent.LearningRate, Decent.HiddenUnits, Decent.L2, Decent.Activation, Decent.BatchSize));
        Assert.NotEqual(first.Objective, BreastCancerTraining.Evaluate(Decent with { HiddenUnits = 33 }).Objective);
    }

    [Fact]
    public void ADecentConfigurationReachesALowValidationLoss()
    {
        var outcome = BreastCancerTraining.Evaluate(Decent);
        Assert.False(outcome.Diverged);
        Assert.InRange(outcome.Objective, 0.0, 0.2);
        Assert.InRange(MlpTrainer.ConstantPredictorLoss(BreastCancerData.Default), 0.6, 0.7);
    }

    [Fact]
    public void ASillyLearningRateScoresTheCapWhetherItDivergesOrOnlySaturates()
    {
        var outcome = BreastCancerTraining.Evaluate(Silly);
        Assert.True(outcome.Diverged || outcome.ValidationLoss >= outcome.Cap);
        Assert.Equal(MlpTrainer.CapFactor * MlpTrainer.ConstantPredictorLoss(BreastCancerData.Default), outcome.Objective);
    }

    [Fact]
    public async Task ServeAnswersEachLineWithTheObjectiveTheCapOrAnError()
    {
        var input = string.Join('\n', BreastCancerTraining.FormatSettings(Decent), "", "cap", "{\"learning_rate\": 0.1}", BreastCancerTraining.FormatSettings(Silly), "not json");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, await MlServe.RunAsync(new StringReader(input), output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(5, lines.Length);
        var cap = MlpTrainer.CapFactor * MlpTrainer.ConstantPredictorLoss(BreastCancerData.Default);
        Assert.Equal(BreastCancerTraining.Evaluate(Decent).Objective, double.Parse(lines[0], CultureInfo.InvariantCulture));
        Assert.Equal(cap, double.Parse(lines[1], CultureInfo.InvariantCulture));
        Assert.StartsWith("error:", lines[2], StringComparison.Ordinal);
        Assert.Equal(cap, double.Parse(lines[3], CultureInfo.InvariantCulture));
        Assert.StartsWith("error:", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersRoundTripThroughTheServeFormat()
    {
        var settings = new MlpSettings(0.000123456789012345, 77, 3.3e-6, "sigmoid", 64);
        Assert.Equal(settings, BreastCancerTraining.ParseSettings(BreastCancerTraining.FormatSettings(settings)));
        Assert.Throws<ArgumentException>(() => BreastCancerTraining.Evaluate(settings with { Activation = "gelu" }));
    }

    [Theory]
    [InlineData("optimize")]
    [InlineData("asktell")]
    public async Task MlQualityWritesTheBestValueAtEachCheckpointForEverySeed(string path)
    {
        Assert.Equal([20, 40, 60], MlQualityRunner.Checkpoints(60));
        var file = Path.Combine(Path.GetTempPath(), $"ml-quality-{Guid.NewGuid():N}.json");
        var trace = Path.ChangeExtension(file, ".jsonl");
        try
        {
            Assert.Equal(0, await MlQualityRunner.RunAsync("random", path, seeds: 2, budget: 24, parallelism: 4, file, trace));
            var traced = (await File.ReadAllLinesAsync(trace)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(48, traced.Length);
            var first = traced[0];
            var settings = BreastCancerTraining.ParseSettings(first.GetProperty("parameters").GetRawText());
            Assert.Equal(BreastCancerTraining.Evaluate(settings).Objective, first.GetProperty("value").GetDouble());
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var root = json.RootElement;
            Assert.Equal(path, root.GetProperty("path").GetString());
            var best = root.GetProperty("best_at");
            Assert.Equal(["20", "24"], best.EnumerateObject().Select(p => p.Name));
            for (var seed = 0; seed < 2; seed++)
            {
                Assert.True(best.GetProperty("24")[seed].GetDouble() <= best.GetProperty("20")[seed].GetDouble());
            }

            Assert.Equal(2, root.GetProperty("at_cap").GetArrayLength());
        }
        finally
        {
            File.Delete(file);
            File.Delete(trace);
        }
    }

    [Fact]
    public async Task MlQualityRejectsAnUnknownPathOrSampler()
    {
        Assert.Equal(2, await MlQualityRunner.RunAsync("random", "sideways", seeds: 1, budget: 4, parallelism: 4, jsonPath: null));
        Assert.Equal(2, await MlQualityRunner.RunAsync("nope", "optimize", seeds: 1, budget: 4, parallelism: 4, jsonPath: null));
    }
}
