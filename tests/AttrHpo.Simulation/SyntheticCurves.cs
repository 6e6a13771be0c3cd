namespace AttrHpo.Simulation;

/// <summary>
/// A synthetic family of learning curves: configuration <c>i</c> reaches loss
/// <c>floor_i + scale_i * budget^(-rate_i)</c> after <c>budget</c> units of training. Floors are spread so that good
/// configurations are rare (<c>u^3</c> for uniform <c>u</c>), and curves cross: a configuration that starts well need not end
/// best. Deterministic per (seed, configuration).
/// </summary>
public sealed class SyntheticCurves(ulong seed)
{
    /// <summary>The loss configuration <paramref name="config"/> reaches with <paramref name="budget"/> units of training.</summary>
    public double Loss(int config, long budget)
    {
        var (floor, scale, rate) = Shape(config);
        return floor + (scale * Math.Pow(budget, -rate));
    }

    /// <summary>The loss the configuration tends to with unlimited training.</summary>
    public double Floor(int config) => Shape(config).Floor;

    private (double Floor, double Scale, double Rate) Shape(int config)
    {
        var random = new Random(unchecked((int)(seed * 0x9E3779B97F4A7C15UL) ^ (config * 7919)));
        var floor = Math.Pow(random.NextDouble(), 3);
        var scale = 0.2 + (0.8 * random.NextDouble());
        var rate = 0.3 + (0.7 * random.NextDouble());
        return (floor, scale, rate);
    }
}
