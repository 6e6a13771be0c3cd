using System.Globalization;

namespace AttrHpo;

/// <summary>
/// Maps points of a search space's unit cube to the GP's input features and back. Continuous coordinates are features as
/// they are (log scales are already linear in the cube); integers and stepped reals are relaxed to a continuous feature and
/// snapped to the centre of their value's cell; a choice among k values becomes k one-hot features (none for k = 1), or,
/// with ordered number choices on, a choice whose labels are all numbers in increasing or decreasing order becomes one
/// feature like an integer's (its cell centre).
/// </summary>
internal sealed class FeatureEncoding
{
    private readonly SearchSpace _space;
    private readonly int[] _offsets;
    private readonly bool[] _oneHot;

    /// <summary>Creates the encoding of <paramref name="space"/>.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="orderedChoices">Encode choices of ordered numbers as one feature rather than one-hot.</param>
    public FeatureEncoding(SearchSpace space, bool orderedChoices = false)
    {
        ArgumentNullException.ThrowIfNull(space);
        _space = space;
        _offsets = new int[space.Count];
        _oneHot = new bool[space.Count];
        var count = 0;
        var free = new List<int>();
        var freeDimensions = new List<int>();
        for (var i = 0; i < space.Count; i++)
        {
            _offsets[i] = count;
            if (space.Dimensions[i] is CategoricalDimension choice && !(orderedChoices && IsOrderedNumbers(choice)))
            {
                _oneHot[i] = true;
                count += choice.Labels.Count == 1 ? 0 : choice.Labels.Count;
            }
            else
            {
                free.Add(count);
                freeDimensions.Add(i);
                count++;
            }
        }

        FeatureCount = count;
        FreeFeatures = [.. free];
        FreeDimensions = [.. freeDimensions];
    }

    /// <summary>The number of GP input features.</summary>
    public int FeatureCount { get; }

    /// <summary>The features a local optimizer may move continuously (all but the one-hot choices).</summary>
    public IReadOnlyList<int> FreeFeatures { get; }

    /// <summary>The search-space dimension of each of <see cref="FreeFeatures"/>, in the same order.</summary>
    public IReadOnlyList<int> FreeDimensions { get; }

    /// <summary>Whether dimension <paramref name="dimension"/> is a choice encoded one-hot (rather than a free feature).</summary>
    public bool IsOneHot(int dimension) => _oneHot[dimension];

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
            if (_oneHot[i])
            {
                var choice = (CategoricalDimension)_space.Dimensions[i];
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
            if (_oneHot[i])
            {
                var choice = (CategoricalDimension)_space.Dimensions[i];
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

    /// <summary>Whether every label of <paramref name="choice"/> is a number (invariant culture) and they are strictly increasing or decreasing.</summary>
    public static bool IsOrderedNumbers(CategoricalDimension choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.Labels.Count < 2)
        {
            return false;
        }

        var values = new double[choice.Labels.Count];
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.TryParse(choice.Labels[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
            {
                return false;
            }
        }

        var increasing = true;
        var decreasing = true;
        for (var k = 1; k < values.Length; k++)
        {
            increasing &= values[k] > values[k - 1];
            decreasing &= values[k] < values[k - 1];
        }

        return increasing || decreasing;
    }

    private static double Snap(Dimension dimension, double u)
    {
        u = Math.Clamp(u, 0, 1);
        return dimension switch
        {
            IntegerDimension integer => integer.Encode(integer.Decode(u)),
            RealDimension { Step: > 0 } stepped => stepped.Encode(stepped.Decode(u)),
            CategoricalDimension choice => choice.Encode(choice.Decode(u)),
            _ => u,
        };
    }
}
