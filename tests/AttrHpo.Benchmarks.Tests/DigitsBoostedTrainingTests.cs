using System.Globalization;
using System.Text.Json;
using AttrHpo.Benchmarks.Training;

namespace AttrHpo.Benchmarks.Tests;

public sealed class DigitsBoostedTrainingTests
{
    private static readonly BoostedSettings Sensible = new(0.1, 16, 5, 100, 1e-3, 0.7);

    private static double Cap => SoftmaxMlpTrainer.CapFactor * SoftmaxMlpTrainer.ConstantPredictorLoss(DigitsData.Default);

    [Fact]
    public void ASensibleConfigurationHasAFiniteLossFarBelowTheCapAndABarelyTrainedOneDoesNot()
    {
        var outcome = DigitsBoostedTraining.Evaluate(Sensible);
        Assert.False(outcome.Diverged);
        Assert.True(double.IsFinite(outcome.ValidationLoss));
        Assert.Equal(Cap, outcome.Cap);
        Assert.InRange(outcome.Objective, 0.0, 0.3);
        var barely = DigitsBoostedTraining.Evaluate(Sensible with { LearningRate = 0.001, Iterations = 10 });
        Assert.InRange(barely.Objective, 1.5, Cap); // ten small steps from the class frequencies: still near ln 10
    }

    [Fact]
    public void TheSameParametersGiveTheSameLossTwiceAndThroughTheGeneratedObjective()
    {
        var first = DigitsBoostedTraining.Evaluate(Sensible);
        var second = DigitsBoostedTraining.Evaluate(Sensible);
        Assert.Equal(first.ValidationLoss, second.ValidationLoss);
        Assert.Equal(first.Objective, DigitsBoostedTraining.Train(
            Sensible.LearningRate, Sensible.Leaves, Sensible.MinExamplesPerLeaf, Sensible.Iterations, Sensible.L2, Sensible.FeatureFraction));
        Assert.NotEqual(first.Objective, DigitsBoostedTraining.Evaluate(Sensible with { Leaves = 4 }).Objective);
        Assert.NotEqual(first.Objective, DigitsBoostedTraining.Evaluate(Sensible with { Iterations = 99 }).Objective);
        Assert.NotEqual(first.Objective, DigitsBoostedTraining.Evaluate(Sensible with { FeatureFraction = 0.5 }).Objective);
        Assert.NotEqual(first.Objective, DigitsBoostedTraining.Evaluate(Sensible with { L2 = 5.0 }).Objective);
    }

    [Fact]
    public void BadSettingsAreRejectedWithTheirRange()
    {
        var leaves = Assert.Throws<ArgumentException>(() => DigitsBoostedTraining.Evaluate(Sensible with { Leaves = 1 }));
        Assert.Contains("Leaves must be at least 2", leaves.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DigitsBoostedTraining.Evaluate(Sensible with { Iterations = 0 }));
        Assert.Throws<ArgumentException>(() => DigitsBoostedTraining.Evaluate(Sensible with { LearningRate = 0 }));
        var fraction = Assert.Throws<ArgumentException>(() => DigitsBoostedTraining.Evaluate(Sensible with { FeatureFraction = 1.5 }));
        Assert.Contains("feature fraction in (0, 1]", fraction.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersRoundTripThroughTheServeFormat()
    {
        var settings = new BoostedSettings(0.000123456789012345, 61, 49, 137, 9.87654321e-6, 0.3123456789);
        Assert.Equal(settings, DigitsBoostedTraining.ParseSettings(DigitsBoostedTraining.FormatSettings(settings)));
        var digits = DigitsTraining.FormatSettings(new DigitsSettings(0.05, 32, 0.1, 0.9, 20, "tanh"));
        var error = Assert.Throws<FormatException>(() => DigitsBoostedTraining.ParseSettings(digits));
        Assert.Contains("min_examples_per_leaf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeWithTaskDigitsGbmAnswersTheSameValueForTheSameParametersTheCapOrAnError()
    {
        var sensible = DigitsBoostedTraining.FormatSettings(Sensible);
        var input = string.Join('\n', sensible, "cap", DigitsTraining.FormatSettings(new DigitsSettings(0.05, 32, 0.1, 0.9, 20, "tanh")), sensible);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, await MlServe.RunAsync(new StringReader(input), output, "digits-gbm"));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Equal(DigitsBoostedTraining.Evaluate(Sensible).Objective, double.Parse(lines[0], CultureInfo.InvariantCulture));
        Assert.Equal(Cap, double.Parse(lines[1], CultureInfo.InvariantCulture));
        Assert.StartsWith("error: Not a digits-gbm parameters object", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[0], lines[3]);
    }

    [Fact]
    public async Task MlQualityTaskDigitsGbmWritesItsJsonAndTracesValuesThatServeReproducesBitForBit()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ml-quality-digits-gbm-{Guid.NewGuid():N}.json");
        var trace = Path.ChangeExtension(file, ".jsonl");
        try
        {
            Assert.Equal(0, await MlQualityRunner.RunAsync("random", "asktell", seeds: 1, budget: 8, parallelism: 4, file, trace, task: "digits-gbm"));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Equal("digits-gbm", json.RootElement.GetProperty("benchmark").GetString());
            Assert.Equal(Cap, json.RootElement.GetProperty("cap").GetDouble());
            Assert.Equal(8, json.RootElement.GetProperty("budget").GetInt32());
            var best = json.RootElement.GetProperty("best_at").GetProperty("8").EnumerateArray().Single().GetDouble();
            Assert.InRange(best, 0.0, Cap);

            var traced = (await File.ReadAllLinesAsync(trace)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(8, traced.Length);
            Assert.Equal(best, traced.Min(t => t.GetProperty("value").GetDouble()));
            var serveInput = string.Join('\n', traced.Select(t => t.GetProperty("parameters").GetRawText()));
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            Assert.Equal(0, await MlServe.RunAsync(new StringReader(serveInput), output, "digits-gbm"));
            var served = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture));
            Assert.Equal(traced.Select(t => t.GetProperty("value").GetDouble()), served);
        }
        finally
        {
            File.Delete(file);
            File.Delete(trace);
        }
    }

    [Fact]
    public async Task ServeNamesTheThreeTasksForAnUnknownOne()
    {
        Assert.Contains("digits-gbm", MlTask.Names);
        var exception = Assert.Throws<ArgumentException>(() => MlTask.Parse("mnist"));
        Assert.Contains("breast-cancer, digits, digits-gbm", exception.Message, StringComparison.Ordinal);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(2, await MlServe.RunAsync(new StringReader(""), output, "digits-gbm2"));
    }
}
