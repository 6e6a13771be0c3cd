using System.Globalization;
using System.Text.Json;
using AttrHpo.StudyWorker;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Scheduling;

/// <summary>
/// Optuna's successive-halving traces (tests/fixtures/asha-optuna-successive-halving.json) replayed through a study on a
/// SQLite file, ask/tell with reports by number: with one study object for the whole trace, with a new storage and study
/// object before every event (a rerun), and with every other event told by a second process. Every pruning rule decides
/// the same in all three; successive halving also as Optuna did.
/// </summary>
public sealed class PruningReplayTests
{
    private static readonly JsonElement Cases = LoadCases();

    public static TheoryData<int> SuccessiveHalvingCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    /// <summary>Hyperband and the median rule over the events of the first two traces (their reports; their own decisions).</summary>
    public static TheoryData<string, int> OtherRules => new()
    {
        { "hyperband:1:27:3", 0 }, { "hyperband:2:16:2", 3 }, { "median:3:2", 0 }, { "median:5:0", 3 },
    };

    [Theory]
    [MemberData(nameof(SuccessiveHalvingCases))]
    public async Task SuccessiveHalvingDecidesAsOptunaWhetherTheStudyObjectIsKeptOrNew(int index)
    {
        var @case = Cases[index];
        var rule = FormattableString.Invariant(
            $"sh:{@case.GetProperty("min_resource").GetInt64()}:{@case.GetProperty("reduction_factor").GetInt32()}:{@case.GetProperty("min_early_stopping_rate").GetInt32()}");
        var maximize = @case.GetProperty("direction").GetString() == "maximize";

        var kept = await ReplayAsync(@case, rule, maximize, fresh: false);
        var renewed = await ReplayAsync(@case, rule, maximize, fresh: true);

        var expected = Enumerable.Range(0, @case.GetProperty("pruned").GetArrayLength())
            .Select(i => @case.GetProperty("pruned")[i]).Where(p => p.ValueKind != JsonValueKind.Null).Select(p => p.GetBoolean()).ToList();
        Assert.Equal(expected, kept);
        Assert.Equal(expected, renewed);
        Assert.InRange(expected.Count(p => p), 1, expected.Count - 1);
    }

    [Theory]
    [MemberData(nameof(OtherRules))]
    public async Task EveryRuleDecidesTheSameWhetherTheStudyObjectIsKeptOrNew(string rule, int index)
    {
        var @case = Cases[index];
        var maximize = @case.GetProperty("direction").GetString() == "maximize";

        var kept = await ReplayAsync(@case, rule, maximize, fresh: false);
        var renewed = await ReplayAsync(@case, rule, maximize, fresh: true);

        Assert.Equal(kept, renewed);
        Assert.InRange(kept.Count(p => p), 1, kept.Count - 1); // the rule really decides both ways on this trace
    }

    [Theory]
    [InlineData("sh:1:3:0")]
    [InlineData("hyperband:1:27:3")]
    [InlineData("median:3:2")]
    public async Task EveryRuleDecidesTheSameWhenASecondProcessTellsEveryOtherEvent(string rule)
    {
        var @case = Cases[0];
        var kept = await ReplayAsync(@case, rule, maximize: false, fresh: false);

        using var file = new TempStudyFile();
        using var other = StudyWorkerProcess.Start("--replay", file.Path, "--pruning", rule);
        await other.WaitForAsync(lines => lines.Contains("ready"), "opening the replay");
        await using var here = new ReplaySession(file.Path, rule, maximize: false, fresh: true);
        var turn = 0;
        var shared = await ReplayAsync(@case, command => turn++ % 2 == 0 ? here.RunAsync(command) : other.SendAsync(command));

        Assert.Equal(kept, shared);
        Assert.True(turn > 100, $"Only {turn} events were replayed.");
    }

    private static async Task<List<bool>> ReplayAsync(JsonElement @case, string rule, bool maximize, bool fresh)
    {
        using var file = new TempStudyFile();
        await using var session = new ReplaySession(file.Path, rule, maximize, fresh);
        return await ReplayAsync(@case, session.RunAsync);
    }

    /// <summary>
    /// Drives one trace: a trial is asked at its first event; its reports are judged until the rule stops it (later ones are
    /// skipped, as Optuna's trial stopped); at its finish it is told pruned, or complete with its last value. Returns every decision.
    /// </summary>
    private static async Task<List<bool>> ReplayAsync(JsonElement @case, Func<string, Task<string>> run)
    {
        var numbers = new Dictionary<int, int>();
        var last = new Dictionary<int, double>();
        var stopped = new HashSet<int>();
        var decisions = new List<bool>();
        foreach (var e in @case.GetProperty("events").EnumerateArray())
        {
            var trial = e[1].GetInt32();
            if (!numbers.TryGetValue(trial, out var number))
            {
                var asked = await run("ask");
                numbers[trial] = number = int.Parse(asked["asked ".Length..], CultureInfo.InvariantCulture);
            }

            if (e[0].GetString() == "finish")
            {
                var told = await run(stopped.Contains(trial)
                    ? FormattableString.Invariant($"tell {number} pruned")
                    : FormattableString.Invariant($"tell {number} complete {last[trial]:R}"));
                Assert.Equal("told", told);
                continue;
            }

            if (stopped.Contains(trial))
            {
                continue;
            }

            var value = e[3].GetDouble();
            last[trial] = value;
            var answer = await run(FormattableString.Invariant($"report {number} {e[2].GetInt64()} {value:R}"));
            var prune = answer switch { "prune true" => true, "prune false" => false, _ => throw new InvalidOperationException($"Unexpected answer '{answer}'.") };
            decisions.Add(prune);
            if (prune)
            {
                stopped.Add(trial);
            }
        }

        return decisions;
    }

    private static JsonElement LoadCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "asha-optuna-successive-halving.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").Clone();
    }
}
