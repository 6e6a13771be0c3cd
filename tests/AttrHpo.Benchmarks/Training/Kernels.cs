using System.Runtime.Intrinsics;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The arithmetic the benchmark's trainers share, each in one fixed order (so a training run gives the same loss bit
/// for bit on one machine, whichever study or peer asks): dot products, y += a x, the logistic function, normal draws,
/// and the split and standardisation of a data set's rows.
/// </summary>
internal static class Kernels
{
    /// <summary>x . y in a fixed order: four 256-bit lanes, then the tail.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = Vector256<double>.Zero;
        var i = 0;
        for (; i + 4 <= x.Length; i += 4)
        {
            sum += Vector256.Create(x.Slice(i, 4)) * Vector256.Create(y.Slice(i, 4));
        }

        var total = Vector256.Sum(sum);
        for (; i < x.Length; i++)
        {
            total += x[i] * y[i];
        }

        return total;
    }

    /// <summary>y += a x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var va = Vector256.Create(a);
        var i = 0;
        for (; i + 4 <= x.Length; i += 4)
        {
            (Vector256.Create(y.Slice(i, 4)) + (va * Vector256.Create(x.Slice(i, 4)))).CopyTo(y.Slice(i, 4));
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>1 / (1 + e^-z) without overflow.</summary>
    public static double Sigmoid(double z)
    {
        if (z >= 0)
        {
            return 1 / (1 + Math.Exp(-z));
        }

        var e = Math.Exp(z);
        return e / (1 + e);
    }

    /// <summary>A standard normal draw (Box-Muller, two uniform draws).</summary>
    public static double Normal(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>The rows <paramref name="rows"/> of row-major <paramref name="x"/> and their labels, in that order.</summary>
    public static (double[] X, T[] Y) Take<T>(double[] x, T[] y, int features, ReadOnlySpan<int> rows)
    {
        var takenX = new double[rows.Length * features];
        var takenY = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            x.AsSpan(rows[i] * features, features).CopyTo(takenX.AsSpan(i * features));
            takenY[i] = y[rows[i]];
        }

        return (takenX, takenY);
    }

    /// <summary>
    /// Standardises every feature of <paramref name="train"/> and <paramref name="validation"/> with the training rows'
    /// mean and standard deviation (a constant feature is only centred).
    /// </summary>
    public static void Standardise(double[] train, double[] validation, int features)
    {
        var rows = train.Length / features;
        for (var f = 0; f < features; f++)
        {
            var mean = 0.0;
            for (var r = 0; r < rows; r++)
            {
                mean += train[(r * features) + f];
            }

            mean /= rows;
            var variance = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var d = train[(r * features) + f] - mean;
                variance += d * d;
            }

            var scale = Math.Sqrt(variance / rows);
            scale = scale > 0 ? scale : 1.0;
            Apply(train, f, features, mean, scale);
            Apply(validation, f, features, mean, scale);
        }
    }

    private static void Apply(double[] x, int feature, int features, double mean, double scale)
    {
        for (var i = feature; i < x.Length; i += features)
        {
            x[i] = (x[i] - mean) / scale;
        }
    }
}
