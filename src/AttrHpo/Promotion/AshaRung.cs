namespace AttrHpo;

/// <summary>
/// One rung of the promotion form of ASHA: the losses of the configurations that finished at this rung's budget, and which of
/// the best <c>floor(n / eta)</c> have not been promoted yet. Every operation is O(log n): the best <c>k</c> entries and the
/// others sit in two ordered sets, and the unpromoted entries among the best in a third. Not thread-safe; its owner locks.
/// </summary>
internal sealed class AshaRung(int reductionFactor)
{
    private readonly SortedSet<(double Loss, int Config)> _top = [];
    private readonly SortedSet<(double Loss, int Config)> _rest = [];
    private readonly SortedSet<(double Loss, int Config)> _promotable = [];
    private readonly HashSet<int> _promoted = [];
    private readonly Dictionary<int, (double Loss, int Config)> _entries = [];

    /// <summary>How many configurations finished at this rung.</summary>
    public int Count => _top.Count + _rest.Count;

    /// <summary>How many of them were promoted.</summary>
    public int PromotedCount => _promoted.Count;

    /// <summary>Records a configuration's loss at this rung (NaN counts as the worst); a configuration is recorded once.</summary>
    /// <returns>Whether it was new here.</returns>
    public bool Add(int config, double loss)
    {
        var entry = (double.IsNaN(loss) ? double.PositiveInfinity : loss, config);
        if (!_entries.TryAdd(config, entry))
        {
            return false;
        }

        if (_top.Count > 0 && entry.CompareTo(_top.Max) < 0)
        {
            MoveIn(entry);
        }
        else
        {
            _rest.Add(entry);
        }

        var keep = Count / reductionFactor;
        while (_top.Count > keep)
        {
            var worst = _top.Max;
            _top.Remove(worst);
            _promotable.Remove(worst);
            _rest.Add(worst);
        }

        while (_top.Count < keep)
        {
            var best = _rest.Min;
            _rest.Remove(best);
            MoveIn(best);
        }

        return true;
    }

    /// <summary>The best configuration of the top <c>floor(n / eta)</c> not promoted yet, marked as promoted; none when there is none.</summary>
    public int? TakePromotable()
    {
        if (_promotable.Count == 0)
        {
            return null;
        }

        var best = _promotable.Min;
        _promotable.Remove(best);
        _promoted.Add(best.Config);
        return best.Config;
    }

    /// <summary>Records that a configuration of this rung was promoted elsewhere (another process), so that it is not promoted again here.</summary>
    public void MarkPromoted(int config)
    {
        if (_promoted.Add(config) && _entries.TryGetValue(config, out var entry))
        {
            _promotable.Remove(entry);
        }
    }

    private void MoveIn((double Loss, int Config) entry)
    {
        _top.Add(entry);
        if (!_promoted.Contains(entry.Config) && double.IsFinite(entry.Loss))
        {
            _promotable.Add(entry);
        }
    }
}
