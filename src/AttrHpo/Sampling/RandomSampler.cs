namespace AttrHpo;

/// <summary>Independent uniform points of the unit cube: log scales are uniform in log space, choices equally likely.</summary>
/// <remarks>The point of trial n depends only on the study's seed and n, so studies are reproducible at any parallelism.</remarks>
public sealed class RandomSampler : ISampler
{
    /// <inheritdoc />
    public double[] Suggest(SamplingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var random = context.CreateRandom();
        var point = new double[context.Space.Count];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = random.NextDouble();
        }

        return point;
    }
}
