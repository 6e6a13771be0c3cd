using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Tool.Tests;

/// <summary><c>studies</c>, <c>trials</c> and <c>best</c> on a file made by real studies, compared with what the storage reads.</summary>
public sealed class ListingTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task StudiesListsEachStudyWithItsTrialsByStateAndBestValue()
    {
        var (code, output, error) = await Tool.RunAsync("studies", "--storage", fixture.File, "--format", "json");

        Assert.True(code == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal([StudyFileFixture.Pruned, StudyFileFixture.Asha], rows.Select(r => r.GetProperty("study").GetString()));
        foreach (var row in rows)
        {
            var trials = await fixture.TrialsAsync(row.GetProperty("study").GetString()!);
            Assert.Equal(trials.Count, row.GetProperty("trials").GetInt32());
            var states = row.GetProperty("states");
            Assert.Equal(trials.Count(t => t.State == TrialState.Complete), states.GetProperty("complete").GetInt32());
            Assert.Equal(trials.Count(t => t.State == TrialState.Pruned), states.GetProperty("pruned").GetInt32());
            Assert.Equal(trials.Count(t => t.State == TrialState.Failed), states.GetProperty("failed").GetInt32());
            Assert.Equal(trials.Where(t => t.State == TrialState.Complete).Min(t => t.Value), row.GetProperty("best").GetDouble());
        }

        var pruned = await fixture.TrialsAsync(StudyFileFixture.Pruned);
        Assert.Contains(pruned, t => t.State == TrialState.Pruned); // the file holds every state the listing counts
        Assert.Contains(pruned, t => t.State == TrialState.Failed);
    }

    [Fact]
    public async Task StudiesAsATableHasAHeaderAndALinePerStudy()
    {
        var (code, output, _) = await Tool.RunAsync("studies", "--storage", "sqlite:" + fixture.File);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("STUDY", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        var best = (await fixture.TrialsAsync(StudyFileFixture.Pruned)).Where(t => t.State == TrialState.Complete).Min(t => t.Value)!.Value;
        Assert.Contains(best.ToString("G6", CultureInfo.InvariantCulture), lines.Single(l => l.StartsWith(StudyFileFixture.Pruned + " ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrialsFiltersByStateSortsByValueAndLimits()
    {
        var stored = await fixture.TrialsAsync(StudyFileFixture.Pruned);

        var (code, output, error) = await Tool.RunAsync("trials", "--storage", fixture.File, "--study", StudyFileFixture.Pruned, "--state", "complete", "--sort", "value", "--limit", "3", "--format", "json");

        Assert.True(code == 0, error);
        var trials = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        var expected = stored.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Value).ThenBy(t => t.Number).Take(3).ToList();
        Assert.Equal(expected.Select(t => t.Number), trials.Select(t => t.GetProperty("number").GetInt32()));
        Assert.Equal(expected.Select(t => t.Value!.Value), trials.Select(t => t.GetProperty("value").GetDouble()));
        Assert.All(trials, t => Assert.Equal("Complete", t.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task TrialsAsCsvHasARowPerTrialWithEveryParameter()
    {
        var stored = await fixture.TrialsAsync(StudyFileFixture.Pruned);

        var (code, output, _) = await Tool.RunAsync("trials", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "--state", "pruned", "-f", "csv");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("number,state,value,learningRate,layers,activation,budget,started,", lines[0], StringComparison.Ordinal);
        Assert.Equal(stored.Count(t => t.State == TrialState.Pruned), lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal("Pruned", l.Split(',')[1]));
    }

    [Fact]
    public async Task TrialsAsATableShowsFailedTrialsErrorsNowhereButTheirState()
    {
        var (code, output, _) = await Tool.RunAsync("trials", "-s", fixture.File, "--study", StudyFileFixture.Pruned, "--state", "failed");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("NUMBER  STATE", lines[0][..13]);
        Assert.All(lines.Skip(1), l => Assert.Contains(" Failed ", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains("relu", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BestIsTheLowestCompleteValue()
    {
        var stored = await fixture.TrialsAsync(StudyFileFixture.Asha);
        var expected = stored.Where(t => t.State == TrialState.Complete).OrderBy(t => t.Value).ThenBy(t => t.Number).First();

        var (code, output, error) = await Tool.RunAsync("best", "--storage", fixture.File, "--study", StudyFileFixture.Asha, "--format", "json");

        Assert.True(code == 0, error);
        var best = JsonDocument.Parse(output).RootElement;
        Assert.Equal(expected.Number, best.GetProperty("number").GetInt32());
        Assert.Equal(expected.Value!.Value, best.GetProperty("value").GetDouble());
        Assert.Equal(expected.ParametersJson, best.GetProperty("parameters").GetRawText());

        var (tableCode, table, _) = await Tool.RunAsync("best", "--storage", fixture.File, "--study", StudyFileFixture.Asha);
        Assert.Equal(0, tableCode);
        Assert.Contains($"number        {expected.Number}", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStudyIsNotFoundAndTheStudiesAreListed()
    {
        var (code, output, error) = await Tool.RunAsync("trials", "--storage", fixture.File, "--study", "Curves");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Empty(output);
        Assert.Contains("no study named 'Curves'", error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'curves'?", error, StringComparison.Ordinal);
        Assert.Contains(StudyFileFixture.Asha, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownVersionIsNotFound()
    {
        var (code, _, error) = await Tool.RunAsync("best", "--storage", fixture.File, "--study", StudyFileFixture.Pruned, "--version", "2");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("has no version 2; its versions are 1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trials", "--storage", "x.db")]                                         // --study missing
    [InlineData("trials", "--storage", "x.db", "--study", "a", "--state", "done")]      // not a state
    [InlineData("trials", "--storage", "x.db", "--study", "a", "--limit", "0")]
    [InlineData("studies", "--storage", "x.db", "--format", "xml")]
    [InlineData("frobnicate")]
    public async Task AWrongCommandLineIsAUsageError(params string[] args)
    {
        var (code, output, error) = await Tool.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains($"Run 'attrhpo {(args[0] == "frobnicate" ? string.Empty : args[0] + " ")}--help' for usage.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryIsNoStorageToLookAt()
    {
        var (code, output, error) = await Tool.RunAsync("studies", "--storage", "memory:");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("attrhpo: error: --storage 'memory:' holds no studies the tool can read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("studies")]
    [InlineData("trials")]
    [InlineData("best")]
    [InlineData("plot")]
    [InlineData("export")]
    [InlineData("import")]
    [InlineData("studies copy")]
    public async Task EachCommandHasHelp(string command)
    {
        var (code, output, _) = await Tool.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, code);
        Assert.Contains($"attrhpo {command}", output, StringComparison.Ordinal);
        Assert.Contains("--storage", output, StringComparison.Ordinal);
    }
}
