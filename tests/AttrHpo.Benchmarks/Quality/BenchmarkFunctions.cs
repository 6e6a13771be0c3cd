namespace AttrHpo.Benchmarks;

/// <summary>The objectives of ../shared/benchmarks/FUNCTIONS.md, exactly as defined there; all minimised.</summary>
internal static class BenchmarkFunctions
{
    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    /// <summary>The optimisers' choices of the mixed objective, with (o, base) of its formula.</summary>
    private static readonly (string Label, double Offset, double Base)[] MixedOptimizers = [("sgd", 1.0, 0.30), ("adam", 3.0, 0.0), ("rmsprop", 2.5, 0.10)];

    public static IReadOnlyList<BenchmarkFunction> All { get; } =
    [
        new("branin", Box(("x1", -5, 10), ("x2", 0, 15)), Branin, 0.397887357729738),
        new("hartmann6", Cube(6, 0, 1), Hartmann6, -3.32236801141551),
        new("ackley5", Cube(5, -32.768, 32.768), Ackley, 0),
        new("rosenbrock4", Cube(4, -5, 10), Rosenbrock, 0),
        new("levy6", Cube(6, -10, 10), Levy, 0),
        new("mixed", MixedSpace(), Mixed, 0),
    ];

    /// <summary>The objective named <paramref name="name"/>, public or held out (<see cref="HeldOutFunctions"/>).</summary>
    public static BenchmarkFunction Get(string name) =>
        All.Concat(HeldOutFunctions.All).FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException(
            $"Unknown function '{name}': use one of {string.Join(", ", All.Select(f => f.Name))}, or all; held out: {string.Join(", ", HeldOutFunctions.All.Select(f => f.Name))}, or heldout.",
            nameof(name));

    public static double Branin(double[] x)
    {
        const double a = 1, r = 6, s = 10;
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        var t = 1 / (8 * Math.PI);
        var inner = x[1] - (b * x[0] * x[0]) + (c * x[0]) - r;
        return (a * inner * inner) + (s * (1 - t) * Math.Cos(x[0])) + s;
    }

    public static double Hartmann6(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var exponent = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var difference = x[j] - HartmannP[i, j];
                exponent += HartmannA[i, j] * difference * difference;
            }

            sum += HartmannAlpha[i] * Math.Exp(-exponent);
        }

        return -sum;
    }

    public static double Ackley(double[] x)
    {
        var d = x.Length;
        var squares = x.Sum(v => v * v);
        var cosines = x.Sum(v => Math.Cos(2 * Math.PI * v));
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(squares / d))) - Math.Exp(cosines / d) + 20 + Math.E;
    }

    public static double Rosenbrock(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            sum += (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2);
        }

        return sum;
    }

    public static double Levy(double[] x)
    {
        var w = x.Select(v => 1 + ((v - 1) / 4)).ToArray();
        var d = w.Length;
        var sum = Math.Pow(Math.Sin(Math.PI * w[0]), 2);
        for (var i = 0; i < d - 1; i++)
        {
            sum += Math.Pow(w[i] - 1, 2) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w[i]) + 1), 2)));
        }

        return sum + (Math.Pow(w[d - 1] - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * w[d - 1]), 2)));
    }

    /// <summary>Values: lr, units, optimizer index (sgd, adam, rmsprop), dropout.</summary>
    public static double Mixed(double[] x)
    {
        var (_, offset, floor) = MixedOptimizers[(int)x[2]];
        return Math.Pow(Math.Log10(x[0]) + offset, 2) + (0.5 * Math.Pow((x[1] - 192) / 256, 2)) + (2 * Math.Pow(x[3] - 0.3, 2)) + floor;
    }

    private static SearchSpace Box(params (string Name, double Low, double High)[] ranges) =>
        new([.. ranges.Select(r => new RealDimension(r.Name, r.Low, r.High))]);

    private static SearchSpace Cube(int d, double low, double high) =>
        Box([.. Enumerable.Range(1, d).Select(i => ($"x{i}", low, high))]);

    private static SearchSpace MixedSpace() => new(
    [
        new RealDimension("lr", 1e-5, 1, log: true),
        new IntegerDimension("units", 16, 512, step: 16),
        new CategoricalDimension("optimizer", [.. MixedOptimizers.Select(o => o.Label)]),
        new RealDimension("dropout", 0, 0.8),
    ]);
}
