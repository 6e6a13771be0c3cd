namespace AttrHpo;

/// <summary>The Yeo-Johnson power transform (Yeo and Johnson 2000) and the maximum-likelihood fit of its exponent.</summary>
internal static class YeoJohnson
{
    /// <summary>The Yeo-Johnson exponent in [-4, 4] with the largest profile log likelihood: a grid, then golden-section search around its best.</summary>
    public static double Fit(ReadOnlySpan<double> values)
    {
        var buffer = new double[values.Length];
        var input = values.ToArray();
        double Likelihood(double lambda)
        {
            input.CopyTo(buffer, 0);
            Apply(buffer, lambda);
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
    public static void Apply(Span<double> values, double lambda)
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
