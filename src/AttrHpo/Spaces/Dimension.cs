namespace AttrHpo;

/// <summary>
/// One axis of a <see cref="SearchSpace"/>: maps a coordinate of the unit cube to a value and back.
/// Every coordinate in [0, 1], both ends included, decodes to a valid value.
/// </summary>
public abstract class Dimension
{
    private protected Dimension(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The parameter's name, as declared on the objective method.</summary>
    public string Name { get; }

    /// <summary>The number of distinct values, or <see langword="null"/> for a continuous range.</summary>
    public abstract long? Cardinality { get; }

    /// <summary>Describes the dimension for logs and reports, e.g. <c>learningRate: [1E-05, 0.1] log</c>.</summary>
    public abstract override string ToString();

    /// <summary>Clamps a coordinate into [0, 1], mapping NaN to 0 so that decoding never fails.</summary>
    private protected static double ClampUnit(double u) => double.IsNaN(u) ? 0.0 : Math.Clamp(u, 0.0, 1.0);

    /// <summary>The index of the cell of <paramref name="u"/> among <paramref name="count"/> equal cells of [0, 1].</summary>
    private protected static long CellIndex(double u, long count)
    {
        var index = (long)Math.Floor(ClampUnit(u) * count);
        return Math.Min(index, count - 1);
    }

    /// <summary>The centre of cell <paramref name="index"/> among <paramref name="count"/> equal cells of [0, 1].</summary>
    private protected static double CellCentre(long index, long count) => (index + 0.5) / count;
}
