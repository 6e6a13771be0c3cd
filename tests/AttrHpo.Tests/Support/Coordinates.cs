namespace AttrHpo.Tests.Support;

/// <summary>Unit-cube coordinates to decode: the ends, values just inside them, a fine grid, and invalid values that must be clamped.</summary>
public static class Coordinates
{
    public static readonly double JustBelowOne = Math.BitDecrement(1.0);

    /// <summary>Ends, near-ends and values outside [0, 1] (including NaN and infinities).</summary>
    public static IReadOnlyList<double> Edges { get; } =
    [
        0.0, -0.0, double.Epsilon, 1e-300, 1e-16, 1e-12, 1e-9,
        1.0 / 3, 0.5, 2.0 / 3, 0.7, 0.9,
        1 - 1e-9, 1 - 1e-12, 1 - 1e-16, JustBelowOne, 1.0,
        Math.BitIncrement(1.0), 1.5, 2, 1e300, double.MaxValue, double.PositiveInfinity,
        -double.Epsilon, -1e-300, -0.5, -1, double.MinValue, double.NegativeInfinity,
        double.NaN,
    ];

    /// <summary><see cref="Edges"/> plus 1001 evenly spaced points of [0, 1] and 1000 cell centres.</summary>
    public static IReadOnlyList<double> All { get; } =
    [
        .. Edges,
        .. Enumerable.Range(0, 1001).Select(i => i / 1000.0),
        .. Enumerable.Range(0, 1000).Select(i => (i + 0.5) / 1000.0),
    ];

    /// <summary>Seeded uniform draws from [0, 1), produced by the library's own <see cref="RandomSampler"/>, one trial per draw.</summary>
    public static double[] Uniforms(int count, ulong seed)
    {
        var space = new SearchSpace([new RealDimension("u", 0, 1)]);
        var sampler = new RandomSampler();
        var draws = new double[count];
        for (var i = 0; i < count; i++)
        {
            draws[i] = sampler.Suggest(new SamplingContext(space, i, seed, [], []))[0];
        }

        return draws;
    }
}
