namespace AttrHpo.Tests.Scheduling;

/// <summary>
/// A pruning rule rebuilt from finished trials (a rerun, a second process) decides as the live rule did. Trials run four at a
/// time, reporting in a rotating order; before each batch a new rule is given every finished trial through <see cref="IPruner.Restore"/>,
/// then runs the batch live beside the rule that saw everything.
/// </summary>
public sealed class RestoredRuleTests
{
    private const int Batches = 12;
    private const int BatchSize = 4;
    private const int Steps = 27;

    public static TheoryData<string> Rules => ["successive-halving", "hyperband", "median"];

    private static IPruner Create(string rule) => rule switch
    {
        "successive-halving" => new SuccessiveHalvingRule(Direction.Minimize, minResource: 1, reductionFactor: 3),
        "hyperband" => new HyperbandRule(Direction.Minimize, minResource: 1, maxResource: Steps, reductionFactor: 3),
        _ => new MedianStoppingRule(Direction.Minimize, startupTrials: 3, warmupSteps: 2),
    };

    /// <summary>Noisy decreasing learning curves, one per trial: a floor, a scale, and noise, seeded.</summary>
    private static double[][] Curves()
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, Batches * BatchSize).Select(_ =>
        {
            var floor = random.NextDouble();
            var scale = random.NextDouble() * 2;
            return Enumerable.Range(1, Steps).Select(step => floor + (scale / step) + (0.05 * random.NextDouble())).ToArray();
        })];
    }

    /// <summary>Runs one batch live on every rule given, in turns; returns each trial's reports up to its stop, and the decisions.</summary>
    private static (List<IntermediateValue>[] Reports, List<bool>[][] Decisions) RunBatch(int batch, double[][] curves, params IPruner[] rules)
    {
        var reports = Enumerable.Range(0, BatchSize).Select(_ => new List<IntermediateValue>()).ToArray();
        var decisions = rules.Select(_ => Enumerable.Range(0, BatchSize).Select(_ => new List<bool>()).ToArray()).ToArray();
        var stopped = new bool[BatchSize];
        for (var step = 1; step <= Steps; step++)
        {
            for (var turn = 0; turn < BatchSize; turn++)
            {
                var k = (turn + step) % BatchSize; // the trials of a batch take turns in a rotating order, not by number
                if (stopped[k])
                {
                    continue;
                }

                var trial = (batch * BatchSize) + k;
                var value = curves[trial][step - 1];
                reports[k].Add(new IntermediateValue(step, value));
                for (var r = 0; r < rules.Length; r++)
                {
                    decisions[r][k].Add(rules[r].Report(trial, step, value));
                }

                stopped[k] = decisions[0][k][^1];
            }
        }

        return (reports, decisions);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void ARuleRebuiltFromFinishedTrialsDecidesAsTheLiveRuleDid(string rule)
    {
        var curves = Curves();
        var live = Create(rule);
        var finished = new List<(int Trial, List<IntermediateValue> Reports)>();
        var pruned = 0;
        for (var batch = 0; batch < Batches; batch++)
        {
            var rebuilt = Create(rule);
            foreach (var (trial, reports) in finished)
            {
                rebuilt.Restore(trial, reports);
            }

            var (batchReports, decisions) = RunBatch(batch, curves, live, rebuilt);
            for (var k = 0; k < BatchSize; k++)
            {
                Assert.Equal(decisions[0][k], decisions[1][k]);
                finished.Add(((batch * BatchSize) + k, batchReports[k]));
                pruned += decisions[0][k][^1] ? 1 : 0;
            }
        }

        Assert.InRange(pruned, Batches, (Batches * BatchSize) - 1); // the rule really prunes, and lets some trials finish
    }

    /// <summary>
    /// The way rules were rebuilt before: every finished trial judged again, in trial order. A trial that went on live but is
    /// stopped by the second judgement loses its values at the higher rungs, so the rebuilt rule holds less than the live one.
    /// </summary>
    [Fact]
    public void JudgingFinishedTrialsAgainInTrialOrderLosesValuesThatRestoringKeeps()
    {
        var curves = Curves();
        var live = (SuccessiveHalvingRule)Create("successive-halving");
        var finished = new List<(int Trial, List<IntermediateValue> Reports)>();
        for (var batch = 0; batch < Batches; batch++)
        {
            var (batchReports, _) = RunBatch(batch, curves, live);
            finished.AddRange(batchReports.Select((reports, k) => ((batch * BatchSize) + k, reports)));
        }

        var restored = (SuccessiveHalvingRule)Create("successive-halving");
        var judgedAgain = (SuccessiveHalvingRule)Create("successive-halving");
        foreach (var (trial, reports) in finished)
        {
            restored.Restore(trial, reports);
            reports.ForEach(r => judgedAgain.Report(trial, r.Step, r.Value));
        }

        int[] Counts(SuccessiveHalvingRule rule) => [.. Enumerable.Range(0, 4).Select(rule.CountAt)];
        Assert.Equal(Counts(live), Counts(restored));
        Assert.NotEqual(Counts(live), Counts(judgedAgain));
    }
}
