namespace AttrHpo;

/// <summary>
/// Picks at most a given number of observations for a subset-of-data approximation: the best half by loss, then an even
/// spread (by position in the history) of the rest. Deterministic; returns indices in ascending order.
/// </summary>
internal static class ObservationSubset
{
    public static int[] Select(IReadOnlyList<double> losses, int limit)
    {
        var n = losses.Count;
        if (n <= limit)
        {
            return [.. Enumerable.Range(0, n)];
        }

        var chosen = new bool[n];
        foreach (var i in Enumerable.Range(0, n).OrderBy(i => losses[i]).ThenBy(i => i).Take(limit / 2))
        {
            chosen[i] = true;
        }

        var rest = Enumerable.Range(0, n).Where(i => !chosen[i]).ToArray();
        var needed = limit - (limit / 2);
        for (var k = 0; k < needed; k++)
        {
            chosen[rest[(int)((long)k * rest.Length / needed)]] = true;
        }

        return [.. Enumerable.Range(0, n).Where(i => chosen[i])];
    }
}
