namespace AttrHpo;

/// <summary>An immutable, ordered list of dimensions: coordinate i of a unit-cube point belongs to <c>Dimensions[i]</c>.</summary>
public sealed class SearchSpace
{
    /// <summary>Creates a search space.</summary>
    /// <param name="dimensions">The dimensions, in order; names must be unique.</param>
    /// <exception cref="ArgumentException">Two dimensions share a name.</exception>
    public SearchSpace(IReadOnlyList<Dimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dimension in dimensions)
        {
            ArgumentNullException.ThrowIfNull(dimension);
            if (!names.Add(dimension.Name))
            {
                throw new ArgumentException($"Two dimensions are named '{dimension.Name}'; every hyperparameter needs its own name.", nameof(dimensions));
            }
        }

        Dimensions = [.. dimensions];
    }

    /// <summary>The dimensions, in coordinate order.</summary>
    public IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>The number of coordinates of a point of this space.</summary>
    public int Count => Dimensions.Count;

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Dimensions);
}
