using AttrHpo.TestSupport;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AttrHpo.Samples.Tests;

/// <summary>samples/MlNet run as a user runs it, as a process: a short study, then the test split scored both ways.</summary>
public sealed partial class MlNetSampleRunTests
{
    [Fact]
    public async Task AShortRunTunesThenScoresTheTunedAndTheDefaultModelOnTheTestSplit()
    {
        var (exitCode, output, error) = await RunAsync("--trials", "15");

        Assert.True(exitCode == 0, $"exit code {exitCode}{Environment.NewLine}{output}{Environment.NewLine}{error}");
        Assert.Contains("341 training, 113 validation, 115 test examples", output, StringComparison.Ordinal);
        Assert.Contains("15 complete", output, StringComparison.Ordinal);
        var tuned = Metrics(output, "tuned (AttrHpo, ASHA)");
        var defaults = Metrics(output, "ML.NET defaults");
        Assert.All([tuned, defaults], m => Assert.True(m.LogLoss is > 0 and < 0.66 && m.Auc is > 0.9 and <= 1, $"{m} in{Environment.NewLine}{output}"));
    }

    [Fact]
    public async Task TheSameSeedPrintsTheSameResults()
    {
        var once = await RunAsync("--trials", "6", "--seed", "3");
        var again = await RunAsync("--trials", "6", "--seed", "3");

        Assert.Equal(0, once.ExitCode);
        Assert.Equal(Metrics(once.Output, "tuned (AttrHpo, ASHA)"), Metrics(again.Output, "tuned (AttrHpo, ASHA)"));
        Assert.Equal(BestLine(once.Output), BestLine(again.Output));
    }

    [Fact]
    public async Task ABadArgumentIsAUsageError()
    {
        var (exitCode, output, error) = await RunAsync("--trials", "none");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("Usage: MlNet", error, StringComparison.Ordinal);
    }

    private static string BestLine(string output) => output.Split('\n').Single(l => l.StartsWith("Best: ", StringComparison.Ordinal));

    private static (double LogLoss, double Auc) Metrics(string output, string label)
    {
        var match = MetricsLine().Matches(output).SingleOrDefault(m => m.Groups["label"].Value.Trim() == label);
        Assert.True(match is not null, $"no '{label}' line in{Environment.NewLine}{output}");
        return (double.Parse(match.Groups["loss"].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups["auc"].Value, CultureInfo.InvariantCulture));
    }

    // The sample's assembly is copied beside the tests with its runtimeconfig.json and its Data folder.
    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => DotnetProcess.RunAsync("MlNet.dll", args);

    [GeneratedRegex(@"^  (?<label>[^\d\n]+?)\s+(?<loss>\d+\.\d+)\s+(?<auc>\d+\.\d+)\s+\d+\.\d %", RegexOptions.Multiline)]
    private static partial Regex MetricsLine();
}
