using System.Text.Json;

namespace AttrHpo.Tests.Scheduling;

/// <summary>Replays Optuna 3.1's SuccessiveHalvingPruner decisions (tests/fixtures/asha-optuna-successive-halving.json) with the same answers.</summary>
public sealed class SuccessiveHalvingFixtureTests
{
    private static readonly JsonElement Cases = LoadCases();

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void EveryDecisionMatchesOptuna(int index)
    {
        var @case = Cases[index];
        var rule = new SuccessiveHalvingRule(
            @case.GetProperty("direction").GetString() == "maximize" ? Direction.Maximize : Direction.Minimize,
            @case.GetProperty("min_resource").GetInt64(),
            @case.GetProperty("reduction_factor").GetInt32(),
            @case.GetProperty("min_early_stopping_rate").GetInt32());
        var events = @case.GetProperty("events");
        var expected = @case.GetProperty("pruned");
        var stopped = new HashSet<int>();
        var decisions = 0;
        var prunes = 0;

        for (var i = 0; i < events.GetArrayLength(); i++)
        {
            var e = events[i];
            var trial = e[1].GetInt32();
            if (e[0].GetString() == "finish")
            {
                // Every trial's events end with 'finish', pruned ones too; it decides nothing.
                Assert.Equal(JsonValueKind.Null, expected[i].ValueKind);
                continue;
            }

            if (expected[i].ValueKind == JsonValueKind.Null)
            {
                Assert.Contains(trial, stopped); // skipped because Optuna stopped it earlier: so did the rule
                continue;
            }

            var pruned = rule.Report(trial, e[2].GetInt64(), e[3].GetDouble());
            Assert.True(expected[i].GetBoolean() == pruned, $"Case {index}, event {i} (trial {trial}, step {e[2]}): Optuna pruned={expected[i]}, the rule {pruned}.");
            decisions++;
            if (pruned)
            {
                prunes++;
                stopped.Add(trial);
            }
        }

        Assert.True(decisions >= 30, $"Case {index} should exercise many decisions, not {decisions}.");
        Assert.InRange(prunes, 1, decisions - 1);
    }

    private static JsonElement LoadCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "asha-optuna-successive-halving.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").Clone();
    }
}
