using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>
/// Labelled examples: a feature row and a class per example. Immutable: every matrix it hands out is a fresh
/// copy, so concurrent trials can share one instance.
/// </summary>
public sealed class DataSplit
{
    private readonly double[] _features; // row-major, Count x FeatureCount
    private readonly int[] _labels;

    /// <summary>Creates a split; the arrays are copied.</summary>
    /// <param name="features">Row-major features, <c>labels.Length * featureCount</c> values.</param>
    /// <param name="labels">The class of each row, 0 to <paramref name="classCount"/> - 1.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="classCount">How many classes there are.</param>
    public DataSplit(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int featureCount, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException($"Expected {labels.Length} rows of {featureCount} features but got {features.Length} values.", nameof(features));
        }

        foreach (var label in labels)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(label, nameof(labels));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, classCount, nameof(labels));
        }

        _features = features.ToArray();
        _labels = labels.ToArray();
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>How many examples the split holds.</summary>
    public int Count => _labels.Length;

    /// <summary>Features per example.</summary>
    public int FeatureCount { get; }

    /// <summary>How many classes there are.</summary>
    public int ClassCount { get; }

    /// <summary>The class of every example, in order.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of every example as a new <c>Count x FeatureCount</c> matrix.</summary>
    public Matrix<double> Features()
    {
        var all = new int[Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return Features(all);
    }

    /// <summary>The features of the given examples, in the given order, as a new matrix with one row per index.</summary>
    /// <param name="rows">Indices of examples.</param>
    public Matrix<double> Features(ReadOnlySpan<int> rows)
    {
        // MathNet stores dense matrices column-major.
        var values = new double[rows.Length * FeatureCount];
        for (var r = 0; r < rows.Length; r++)
        {
            var source = rows[r] * FeatureCount;
            for (var c = 0; c < FeatureCount; c++)
            {
                values[(c * rows.Length) + r] = _features[source + c];
            }
        }

        return Matrix<double>.Build.Dense(rows.Length, FeatureCount, values);
    }

    /// <summary>The examples of this split followed by those of <paramref name="other"/>.</summary>
    /// <param name="other">A split with the same features and classes.</param>
    public DataSplit Concat(DataSplit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.FeatureCount != FeatureCount || other.ClassCount != ClassCount)
        {
            throw new ArgumentException("Only splits of the same data set can be joined.", nameof(other));
        }

        return new DataSplit([.. _features, .. other._features], [.. _labels, .. other._labels], FeatureCount, ClassCount);
    }
}
