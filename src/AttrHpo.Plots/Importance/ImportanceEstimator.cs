namespace AttrHpo;

/// <summary>Permutation importance of a study's parameters, from its complete trials.</summary>
internal static class ImportanceEstimator
{
    /// <summary>Fewest complete trials a forest is fitted to.</summary>
    public const int MinTrials = 4;

    /// <summary>Fits the forest to the trials' unit-cube points and values and returns each parameter's importance, largest first.</summary>
    public static IReadOnlyList<ParameterImportance> Estimate(PlotData data, int trees, int seed)
    {
        var complete = data.Complete;
        if (complete.Count < MinTrials)
        {
            throw new InvalidOperationException(
                $"Parameter importance needs at least {MinTrials} complete trials with values, and study '{data.Title}' has {complete.Count}. " +
                "Run more trials (OptimizeAsync) before asking which parameters matter.");
        }

        var x = complete.Select(t => t.Point.ToArray()).ToArray();
        var y = complete.Select(t => t.Value!.Value).ToArray();
        var forest = RandomForest.Fit(x, y, trees, seed);
        var increase = forest.PermutationImportance(x, y, seed);
        var total = increase.Sum(v => Math.Max(0, v));
        return
        [
            .. data.Space.Dimensions
                .Select((d, i) => new ParameterImportance(d.Name, total > 0 ? Math.Max(0, increase[i]) / total : 0, increase[i]))
                .Select((p, i) => (p, i))
                .OrderByDescending(e => e.p.Importance)
                .ThenBy(e => e.i)
                .Select(e => e.p),
        ];
    }
}
