using System.Globalization;
using System.Text.Json;
using AttrHpo.Benchmarks.Training;

namespace AttrHpo.Benchmarks.Tests;

public sealed class DigitsTrainingTests
{
    private static readonly DigitsSettings Decent = new(0.05, 32, 0.1, 0.9, 20, "tanh");
    private static readonly DigitsSettings Silly = new(1.0, 64, 0.0, 0.99, 30, "relu");

    [Fact]
    public void TheDataHas1797RowsOf64PixelsSplit600To1197AndTrainingPixelsAreStandardised()
    {
        var data = DigitsData.Default;
        Assert.Equal(1797, data.Rows);
        Assert.Equal(64, data.FeatureCount);
        Assert.Equal(600, data.TrainRows);
        Assert.Equal(1197, data.ValidationRows);
        Assert.Equal(600 * 64, data.TrainX.Length);
        Assert.Equal(1197 * 64, data.ValidationX.Length);
        var perClass = data.TrainY.Concat(data.ValidationY).GroupBy(y => y).OrderBy(g => g.Key).Select(g => g.Count());
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], perClass); // the counts of digits.csv.gz
        for (var f = 0; f < 64; f++)
        {
            var column = Enumerable.Range(0, 600).Select(r => data.TrainX[(r * 64) + f]).ToArray();
            Assert.Equal(0, column.Average(), 9);
            var deviation = Math.Sqrt(column.Average(v => v * v));
            Assert.True(Math.Abs(deviation - 1) < 1e-9 || deviation == 0, $"pixel {f}: standard deviation {deviation}");
        }
    }

    [Fact]
    public void TheSameParametersGiveTheSameLossTwiceAndThroughTheGeneratedObjective()
    {
        var first = DigitsTraining.Evaluate(Decent);
        var second = DigitsTraining.Evaluate(Decent);
        Assert.Equal(first.ValidationLoss, second.ValidationLoss);
        Assert.Equal(first.Objective, DigitsTraining.Train(Decent.LearningRate, Decent.HiddenUnits, Decent.Dropout, Decent.Momentum, Decent.Epochs, Decent.Activation));
        Assert.NotEqual(first.Objective, DigitsTraining.Evaluate(Decent with { HiddenUnits = 33 }).Objective);
        Assert.NotEqual(first.Objective, DigitsTraining.Evaluate(Decent with { Dropout = 0.2 }).Objective);
        Assert.NotEqual(first.Objective, DigitsTraining.Evaluate(Decent with { Epochs = 19 }).Objective);
    }

    [Fact]
    public void OneMoreOrOneFewerHiddenUnitMovesTheLossLittleBecauseEachUnitHasItsOwnDraws()
    {
        var loss = DigitsTraining.Evaluate(Decent).Objective;
        foreach (var units in new[] { Decent.HiddenUnits - 1, Decent.HiddenUnits + 1 })
        {
            var neighbour = DigitsTraining.Evaluate(Decent with { HiddenUnits = units }).Objective;
            Assert.True(Math.Abs(neighbour - loss) < 0.01, $"{units} units: {neighbour}, against {loss} with {Decent.HiddenUnits}");
        }

        Assert.NotEqual(SoftmaxMlpTrainer.UnitSeed(0, 0), SoftmaxMlpTrainer.UnitSeed(0, 1));
        Assert.NotEqual(SoftmaxMlpTrainer.UnitSeed(63, 0), SoftmaxMlpTrainer.UnitSeed(0, 1));
    }

    [Fact]
    public void ADecentConfigurationBeatsTheConstantPredictorByFar()
    {
        var outcome = DigitsTraining.Evaluate(Decent);
        Assert.False(outcome.Diverged);
        Assert.InRange(outcome.Objective, 0.0, 0.3);
        Assert.InRange(SoftmaxMlpTrainer.ConstantPredictorLoss(DigitsData.Default), 2.28, 2.32); // about ln 10
        Assert.InRange(DigitsTraining.Evaluate(Decent with { LearningRate = 0.001, Momentum = 0, Epochs = 5 }).Objective, 1.0, outcome.Cap); // barely trained
    }

    [Fact]
    public void ASillyLearningRateAndMomentumScoreTheCap()
    {
        var outcome = DigitsTraining.Evaluate(Silly);
        Assert.True(outcome.Diverged || outcome.ValidationLoss >= outcome.Cap);
        Assert.Equal(SoftmaxMlpTrainer.CapFactor * SoftmaxMlpTrainer.ConstantPredictorLoss(DigitsData.Default), outcome.Objective);
    }

    [Fact]
    public void BadSettingsAreRejectedWithTheirName()
    {
        var activation = Assert.Throws<ArgumentException>(() => DigitsTraining.Evaluate(Decent with { Activation = "sigmoid" }));
        Assert.Contains("relu, tanh, elu", activation.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DigitsTraining.Evaluate(Decent with { Momentum = 1.0 }));
        Assert.Throws<ArgumentException>(() => DigitsTraining.Evaluate(Decent with { Dropout = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitsTraining.Evaluate(Decent with { Epochs = 0 }));
    }

    [Fact]
    public void ParametersRoundTripThroughTheServeFormat()
    {
        var settings = new DigitsSettings(0.000123456789012345, 61, 0.123456789, 0.987654321, 7, "elu");
        Assert.Equal(settings, DigitsTraining.ParseSettings(DigitsTraining.FormatSettings(settings)));
        Assert.Throws<FormatException>(() => DigitsTraining.ParseSettings(BreastCancerTrainingTestsSettings()));
    }

    [Fact]
    public async Task ServeWithTaskDigitsAnswersEachLineWithTheObjectiveTheCapOrAnError()
    {
        var input = string.Join('\n', DigitsTraining.FormatSettings(Decent), "cap", BreastCancerTrainingTestsSettings(), DigitsTraining.FormatSettings(Silly));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, await MlServe.RunAsync(new StringReader(input), output, "digits"));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(4, lines.Length);
        var cap = SoftmaxMlpTrainer.CapFactor * SoftmaxMlpTrainer.ConstantPredictorLoss(DigitsData.Default);
        Assert.Equal(DigitsTraining.Evaluate(Decent).Objective, double.Parse(lines[0], CultureInfo.InvariantCulture));
        Assert.Equal(cap, double.Parse(lines[1], CultureInfo.InvariantCulture));
        Assert.StartsWith("error:", lines[2], StringComparison.Ordinal);
        Assert.Equal(cap, double.Parse(lines[3], CultureInfo.InvariantCulture));
        Assert.Equal(2, await MlServe.RunAsync(new StringReader(""), output, "mnist"));
    }

    [Theory]
    [InlineData("optimize")]
    [InlineData("asktell")]
    public async Task MlQualityTaskDigitsTracesValuesThatServeReproducesBitForBit(string path)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ml-quality-digits-{Guid.NewGuid():N}.json");
        var trace = Path.ChangeExtension(file, ".jsonl");
        try
        {
            Assert.Equal(0, await MlQualityRunner.RunAsync("random", path, seeds: 1, budget: 8, parallelism: 4, file, trace, task: "digits"));
            var traced = (await File.ReadAllLinesAsync(trace)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(8, traced.Length);
            var serveInput = string.Join('\n', traced.Select(t => t.GetProperty("parameters").GetRawText()));
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            Assert.Equal(0, await MlServe.RunAsync(new StringReader(serveInput), output, "digits"));
            var served = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture));
            Assert.Equal(traced.Select(t => t.GetProperty("value").GetDouble()), served);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Equal("digits-mlp", json.RootElement.GetProperty("benchmark").GetString());
            Assert.Equal(SoftmaxMlpTrainer.CapFactor * SoftmaxMlpTrainer.ConstantPredictorLoss(DigitsData.Default), json.RootElement.GetProperty("cap").GetDouble());
        }
        finally
        {
            File.Delete(file);
            File.Delete(trace);
        }
    }

    [Fact]
    public async Task MlQualityRejectsAnUnknownTask() =>
        Assert.Equal(2, await MlQualityRunner.RunAsync("random", "asktell", seeds: 1, budget: 4, parallelism: 4, jsonPath: null, task: "mnist"));

    private static string BreastCancerTrainingTestsSettings() =>
        BreastCancerTraining.FormatSettings(new MlpSettings(0.01, 32, 1e-4, "relu", 32));
}
