using System.Globalization;

namespace AttrHpo;

/// <summary>
/// Maps points of a search space's unit cube to the GP's input features and back. Continuous coordinates are features as
/// they are (log scales are already linear in the cube); integers and stepped reals are relaxed to a continuous feature and
/// snapped to the centre of their value's cell; a choice among k values becomes k one-hot features (none for k = 1), or,
/// with ordered number choices on, a choice whose labels are all numbers in increasing or decreasing order becomes one
/// feature like an integer's (its cell centre). Each free feature may be warped by a Kumaraswamy CDF
/// <c>w(u) = 1 - (1 - u^a)^b</c> (<see cref="WithWarps"/>), so the GP sees w(u) instead of u.
/// </summary>
internal sealed class FeatureEncoding
{
    private readonly SearchSpace _space;
    private readonly int[] _offsets;
    private readonly bool[] _oneHot;
    private readonly double[] _warpA;
    private readonly double[] _warpB;

    /// <summary>Creates the encoding of <paramref name="space"/>, unwarped.</summary>
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
        var relaxed = new List<int>();
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
                if (space.Dimensions[i] is not CategoricalDimension)
                {
                    relaxed.Add(count);
                }

                count++;
            }
        }

        FeatureCount = count;
        FreeFeatures = [.. free];
        FreeDimensions = [.. freeDimensions];
        RelaxedFeatures = [.. relaxed];
        _warpA = Enumerable.Repeat(1.0, count).ToArray();
        _warpB = Enumerable.Repeat(1.0, count).ToArray();
    }

    private FeatureEncoding(FeatureEncoding source, double[] warpA, double[] warpB)
    {
        _space = source._space;
        _offsets = source._offsets;
        _oneHot = source._oneHot;
        FeatureCount = source.FeatureCount;
        FreeFeatures = source.FreeFeatures;
        FreeDimensions = source.FreeDimensions;
        RelaxedFeatures = source.RelaxedFeatures;
        _warpA = warpA;
        _warpB = warpB;
    }

    /// <summary>The number of GP input features.</summary>
    public int FeatureCount { get; }

    /// <summary>The features a local optimizer may move continuously (all but the one-hot choices).</summary>
    public IReadOnlyList<int> FreeFeatures { get; }

    /// <summary>The search-space dimension of each of <see cref="FreeFeatures"/>, in the same order.</summary>
    public IReadOnlyList<int> FreeDimensions { get; }

    /// <summary>The free features of reals and integers: <see cref="FreeFeatures"/> less the ordered choices' features.</summary>
    public IReadOnlyList<int> RelaxedFeatures { get; }

    /// <summary>Whether dimension <paramref name="dimension"/> is a choice encoded as one ordered feature.</summary>
    public bool IsOrderedChoice(int dimension) => !_oneHot[dimension] && _space.Dimensions[dimension] is CategoricalDimension;

    /// <summary>The Kumaraswamy exponents (a, b) of each feature; (1, 1) is no warp.</summary>
    public (double A, double B) Warp(int feature) => (_warpA[feature], _warpB[feature]);

    /// <summary>Whether dimension <paramref name="dimension"/> is a choice encoded one-hot (rather than a free feature).</summary>
    public bool IsOneHot(int dimension) => _oneHot[dimension];

    /// <summary>The same encoding with free feature k warped by (<paramref name="a"/>[k], <paramref name="b"/>[k]), k indexing <see cref="FreeFeatures"/>.</summary>
    public FeatureEncoding WithWarps(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var warpA = Enumerable.Repeat(1.0, FeatureCount).ToArray();
        var warpB = Enumerable.Repeat(1.0, FeatureCount).ToArray();
        for (var k = 0; k < FreeFeatures.Count; k++)
        {
            warpA[FreeFeatures[k]] = a[k];
            warpB[FreeFeatures[k]] = b[k];
        }

        return new FeatureEncoding(this, warpA, warpB);
    }

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
                features[offset] = Kumaraswamy(Snap(_space.Dimensions[i], u), _warpA[offset], _warpB[offset]);
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
                point[i] = Snap(_space.Dimensions[i], InverseKumaraswamy(features[offset], _warpA[offset], _warpB[offset]));
            }
        }

        return point;
    }

    /// <summary>Overwrites <paramref name="features"/> with those of the valid point it decodes to.</summary>
    public void SnapInPlace(Span<double> features) => Encode(Decode(features), features);

    /// <summary>The Kumaraswamy CDF <c>1 - (1 - u^a)^b</c> on [0, 1] (u clamped); the identity for a = b = 1.</summary>
    public static double Kumaraswamy(double u, double a, double b)
    {
        u = Math.Clamp(u, 0, 1);
        return a == 1 && b == 1 ? u : 1 - Math.Pow(1 - Math.Pow(u, a), b);
    }

    /// <summary>The inverse of <see cref="Kumaraswamy"/>: <c>(1 - (1 - w)^(1/b))^(1/a)</c>.</summary>
    public static double InverseKumaraswamy(double w, double a, double b)
    {
        w = Math.Clamp(w, 0, 1);
        return a == 1 && b == 1 ? w : Math.Pow(1 - Math.Pow(1 - w, 1 / b), 1 / a);
    }

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
