namespace AttrHpo;

/// <summary>Turns losses into the GP's targets: the configured <see cref="GpOutputTransform"/>, then standardisation to mean 0 and variance 1.</summary>
/// <remarks>Every transform is increasing, so the best loss stays the smallest target and expected improvement keeps its meaning.</remarks>
internal static class TargetTransform
{
    /// <summary>The standardised (transformed) targets of <paramref name="losses"/>; all must be finite.</summary>
    public static double[] Apply(GpOutputTransform transform, ReadOnlySpan<double> losses)
    {
        var values = losses.ToArray();
        switch (transform)
        {
            case GpOutputTransform.None:
                break;
            case GpOutputTransform.Log:
                ApplyLog(values);
                break;
            case GpOutputTransform.Power:
                Standardise(values);
                ApplyYeoJohnson(values, FitYeoJohnson(values));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown GP output transform; use None, Log or Power.");
        }

        Standardise(values);
        return values;
    }

    /// <summary>Scales <paramref name="values"/> to mean 0 and standard deviation 1 (just centred when they are all equal).</summary>
    public static void Standardise(Span<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v / values.Length;
        }

        var variance = 0.0;
        foreach (var v in values)
        {
            variance += (v - mean) * (v - mean) / values.Length;
        }

        var scale = variance > 0 ? Math.Sqrt(variance) : 1;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] - mean) / scale;
        }
    }

    private static void ApplyLog(Span<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var shift = min > 0 ? 0 : -min + Math.Max((max - min) * 1e-3, 1e-12);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Log(values[i] + shift);
        }
    }

    /// <summary>The Yeo-Johnson exponent in [-4, 4] with the largest profile log likelihood: a grid, then golden-section search around its best.</summary>
    internal static double FitYeoJohnson(ReadOnlySpan<double> values)
    {
        var buffer = new double[values.Length];
        var input = values.ToArray();
        double Likelihood(double lambda)
        {
            input.CopyTo(buffer, 0);
            ApplyYeoJohnson(buffer, lambda);
            var mean = 0.0;
            foreach (var v in buffer)
            {
                mean += v / buffer.Length;
            }

            var variance = 0.0;
            var jacobian = 0.0;
            for (var i = 0; i < buffer.Length; i++)
            {
                variance += (buffer[i] - mean) * (buffer[i] - mean) / buffer.Length;
                jacobian += Math.Sign(input[i]) * Math.Log(Math.Abs(input[i]) + 1);
            }

            return (-0.5 * buffer.Length * Math.Log(Math.Max(variance, 1e-300))) + ((lambda - 1) * jacobian);
        }

        const double Low = -4, High = 4, Step = 0.25;
        var best = 1.0;
        var bestValue = double.NegativeInfinity;
        for (var lambda = Low; lambda <= High; lambda += Step)
        {
            var value = Likelihood(lambda);
            if (value > bestValue)
            {
                bestValue = value;
                best = lambda;
            }
        }

        var a = Math.Max(Low, best - Step);
        var b = Math.Min(High, best + Step);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var iteration = 0; iteration < 40; iteration++)
        {
            var c = b - (ratio * (b - a));
            var d = a + (ratio * (b - a));
            if (Likelihood(c) > Likelihood(d))
            {
                b = d;
            }
            else
            {
                a = c;
            }
        }

        var refined = (a + b) / 2;
        return Likelihood(refined) >= bestValue ? refined : best;
    }

    /// <summary>The Yeo-Johnson transform with exponent <paramref name="lambda"/>, in place: increasing for every exponent.</summary>
    internal static void ApplyYeoJohnson(Span<double> values, double lambda)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var y = values[i];
            values[i] = y >= 0
                ? (Math.Abs(lambda) < 1e-12 ? double.LogP1(y) : (Math.Pow(y + 1, lambda) - 1) / lambda)
                : (Math.Abs(lambda - 2) < 1e-12 ? -double.LogP1(-y) : -(Math.Pow(1 - y, 2 - lambda) - 1) / (2 - lambda));
        }
    }
}
