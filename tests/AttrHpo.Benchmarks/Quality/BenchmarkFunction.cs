namespace AttrHpo.Benchmarks;

/// <summary>
/// An objective of the quality benchmark (../shared/benchmarks/FUNCTIONS.md): its search space, its value at decoded
/// parameters and its known minimum. Decoded values come one per dimension, in order: a real's value, an integer's value,
/// a choice's index.
/// </summary>
internal sealed record BenchmarkFunction(string Name, SearchSpace Space, Func<double[], double> Evaluate, double KnownMinimum)
{
    /// <summary>For a noisy objective, its value without the noise: regret is measured on it. <see langword="null"/> when <see cref="Evaluate"/> is exact.</summary>
    public Func<double[], double>? Noiseless { get; init; }

    /// <summary>The decoded values of a unit-cube point.</summary>
    public double[] Decode(ReadOnlySpan<double> point)
    {
        var values = new double[Space.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Space.Dimensions[i] switch
            {
                RealDimension real => real.Decode(point[i]),
                IntegerDimension integer => integer.Decode(point[i]),
                CategoricalDimension choice => choice.Decode(point[i]),
                var other => throw new NotSupportedException($"Dimension {other} has a kind the quality benchmark does not decode."),
            };
        }

        return values;
    }

    /// <summary>The unit-cube point of decoded values (the inverse of <see cref="Decode"/>).</summary>
    public double[] Encode(IReadOnlyList<double> values)
    {
        var point = new double[Space.Count];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = Space.Dimensions[i] switch
            {
                RealDimension real => real.Encode(values[i]),
                IntegerDimension integer => integer.Encode((long)values[i]),
                CategoricalDimension choice => choice.Encode((int)values[i]),
                var other => throw new NotSupportedException($"Dimension {other} has a kind the quality benchmark does not encode."),
            };
        }

        return point;
    }

    public override string ToString() => Name;
}
