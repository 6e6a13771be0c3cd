namespace AttrHpo;

/// <summary>
/// The losses recorded at one rung, kept so that "is this loss among the best <c>max(1, floor(n / eta))</c>" is answered in
/// O(log n): the best <c>k</c> losses sit in a max-heap, the others in a min-heap, and <c>k</c> follows <c>n</c> as losses
/// arrive. Not thread-safe; its owner locks.
/// </summary>
internal sealed class RungValues
{
    private readonly PriorityQueue<double, double> _best = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private readonly PriorityQueue<double, double> _rest = new();
    private readonly int _reductionFactor;

    /// <summary>Creates an empty rung.</summary>
    /// <param name="reductionFactor">The fraction kept is one in this many.</param>
    public RungValues(int reductionFactor) => _reductionFactor = reductionFactor;

    /// <summary>How many losses the rung holds.</summary>
    public int Count => _best.Count + _rest.Count;

    /// <summary>Records a loss (smaller is better) and says whether it is among the best <c>max(1, floor(n / eta))</c> of the n recorded, itself included; ties count in its favour.</summary>
    /// <param name="loss">A finite loss.</param>
    public bool AddAndRank(double loss)
    {
        if (_best.Count > 0 && loss < _best.Peek())
        {
            _best.Enqueue(loss, loss);
        }
        else
        {
            _rest.Enqueue(loss, loss);
        }

        var keep = Math.Max(1, Count / _reductionFactor);
        while (_best.Count > keep)
        {
            var moved = _best.Dequeue();
            _rest.Enqueue(moved, moved);
        }

        while (_best.Count < keep)
        {
            var moved = _rest.Dequeue();
            _best.Enqueue(moved, moved);
        }

        return loss <= _best.Peek();
    }
}
