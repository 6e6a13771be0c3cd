namespace AttrHpo;

/// <summary>
/// A list that only grows, written under its owner's lock, whose snapshots cost O(1) and stay valid while it grows:
/// a snapshot is the backing array and a count, and the elements below that count are never written again.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class AppendOnlyList<T>
{
    private T[] _items = new T[16];
    private int _count;

    public int Count => _count;

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            var larger = new T[_items.Length * 2];
            Array.Copy(_items, larger, _count);
            _items = larger;
        }

        _items[_count] = item;
        _count++;
    }

    /// <summary>The elements added so far, as a read-only list that later additions do not change.</summary>
    public IReadOnlyList<T> Snapshot() => new Prefix(_items, _count);

    private sealed class Prefix(T[] items, int count) : IReadOnlyList<T>
    {
        public int Count => count;

        public T this[int index] => (uint)index < (uint)count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return items[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
