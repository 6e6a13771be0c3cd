namespace AttrHpo;

/// <summary>
/// Maps points of a search space's unit cube to the GP's input features and back. Continuous coordinates are features as
/// they are (log scales are already linear in the cube); integers and stepped reals are relaxed to a continuous feature and
/// snapped to the centre of their value's cell; a choice among k values becomes k one-hot features (none for k = 1).
/// </summary>
internal sealed class FeatureEncoding
{
    private readonly SearchSpace _space;
    private readonly int[] _offsets;

    public FeatureEncoding(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        _space = space;
        _offsets = new int[space.Count];
        var count = 0;
        var free = new List<int>();
        for (var i = 0; i < space.Count; i++)
        {
            _offsets[i] = count;
            if (space.Dimensions[i] is CategoricalDimension choice)
            {
                count += choice.Labels.Count == 1 ? 0 : choice.Labels.Count;
            }
            else
            {
                free.Add(count);
                count++;
            }
        }

        FeatureCount = count;
        FreeFeatures = [.. free];
    }

    /// <summary>The number of GP input features.</summary>
    public int FeatureCount { get; }

    /// <summary>The features a local optimizer may move continuously (all but the one-hot choices).</summary>
    public IReadOnlyList<int> FreeFeatures { get; }

    /// <summary>Writes the features of unit-cube <paramref name="point"/>, snapped to the values it decodes to.</summary>
    public void Encode(IReadOnlyList<double> point, Span<double> features)
    {
        if (point.Count != _space.Count)
        {
            throw new ArgumentException(
                $"A point of this search space has {_space.Count} coordinates, but one has {point.Count}; every observation and pending point must come from the same space.",
                nameof(point));
        }

        for (var i = 0; i < _space.Count; i++)
        {
            var u = point[i];
            if (!double.IsFinite(u))
            {
                throw new ArgumentException($"Coordinate {i} ('{_space.Dimensions[i].Name}') of a point is {u}; points must be finite.", nameof(point));
            }

            var offset = _offsets[i];
            if (_space.Dimensions[i] is CategoricalDimension choice)
            {
                if (choice.Labels.Count > 1)
                {
                    features.Slice(offset, choice.Labels.Count).Clear();
                    features[offset + choice.Decode(u)] = 1;
                }
            }
            else
            {
                features[offset] = Snap(_space.Dimensions[i], u);
            }
        }
    }

    /// <summary>The unit-cube point of <paramref name="features"/>: discrete values snapped, each choice the largest of its one-hot block.</summary>
    public double[] Decode(ReadOnlySpan<double> features)
    {
        var point = new double[_space.Count];
        for (var i = 0; i < point.Length; i++)
        {
            var offset = _offsets[i];
            if (_space.Dimensions[i] is CategoricalDimension choice)
            {
                var best = 0;
                for (var k = 1; k < choice.Labels.Count; k++)
                {
                    if (features[offset + k] > features[offset + best])
                    {
                        best = k;
                    }
                }

                point[i] = choice.Encode(best);
            }
            else
            {
                point[i] = Snap(_space.Dimensions[i], features[offset]);
            }
        }

        return point;
    }

    /// <summary>Overwrites <paramref name="features"/> with those of the valid point it decodes to.</summary>
    public void SnapInPlace(Span<double> features) => Encode(Decode(features), features);

    private static double Snap(Dimension dimension, double u)
    {
        u = Math.Clamp(u, 0, 1);
        return dimension switch
        {
            IntegerDimension integer => integer.Encode(integer.Decode(u)),
            RealDimension { Step: > 0 } stepped => stepped.Encode(stepped.Decode(u)),
            _ => u,
        };
    }
}
