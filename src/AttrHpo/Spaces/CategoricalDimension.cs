namespace AttrHpo;

/// <summary>A choice among a fixed list of values, each equally likely. The dimension holds their labels; the generated code holds the typed values.</summary>
public sealed class CategoricalDimension : Dimension
{
    /// <summary>Creates a choice.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="labels">How each choice is written in JSON and reports, in order; at least one, no duplicates.</param>
    /// <exception cref="ArgumentException">No labels, or a duplicate.</exception>
    public CategoricalDimension(string name, IReadOnlyList<string> labels)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw new ArgumentException($"Hyperparameter '{name}': a choice needs at least one value.", nameof(labels));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (!seen.Add(label))
            {
                throw new ArgumentException($"Hyperparameter '{name}': the choice '{label}' is listed twice; remove the duplicate.", nameof(labels));
            }
        }

        Labels = [.. labels];
    }

    /// <summary>The choices' labels, in order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <inheritdoc />
    public override long? Cardinality => Labels.Count;

    /// <summary>Decodes a unit-cube coordinate into the index of a choice.</summary>
    /// <param name="u">The coordinate; values outside [0, 1] are clamped.</param>
    public int Decode(double u) => (int)CellIndex(u, Labels.Count);

    /// <summary>Encodes the index of a choice into the centre of its cell of the unit interval.</summary>
    /// <param name="index">The choice's index.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is not that of a choice.</exception>
    public double Encode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Labels.Count);
        return CellCentre(index, Labels.Count);
    }

    /// <summary>The index of the choice with <paramref name="label"/>, or -1.</summary>
    /// <param name="label">A label, compared ordinally.</param>
    public int IndexOf(string label)
    {
        for (var i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of <paramref name="value"/> among the typed <paramref name="values"/> of this choice.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="value">A value of the parameter.</param>
    /// <param name="values">The choice's values, in the order of <see cref="Labels"/>.</param>
    /// <exception cref="ArgumentException">The value is not one of the choices.</exception>
    public int IndexOfValue<T>(T value, IReadOnlyList<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < values.Count; i++)
        {
            if (comparer.Equals(values[i], value))
            {
                return i;
            }
        }

        throw new ArgumentException($"Hyperparameter '{Name}': {value} is not one of the choices {{{string.Join(", ", Labels)}}}.", nameof(value));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {{{string.Join(", ", Labels)}}}";
}
