namespace AttrHpo.Benchmarks.Tests;

public sealed class BenchmarkFunctionTests
{
    /// <summary>Each objective's known minimiser (from FUNCTIONS.md and the literature), in decoded values.</summary>
    public static TheoryData<string, double[], double> Minimisers => new()
    {
        { "branin", [-Math.PI, 12.275], 1e-12 },
        { "branin", [Math.PI, 2.275], 1e-12 },
        { "branin", [3 * Math.PI, 2.475], 1e-12 },
        { "hartmann6", [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573], 1e-5 },
        { "ackley5", [0, 0, 0, 0, 0], 1e-12 },
        { "rosenbrock4", [1, 1, 1, 1], 0 },
        { "levy6", [1, 1, 1, 1, 1, 1], 1e-12 },
        { "mixed", [1e-3, 192, 1, 0.3], 1e-12 },
    };

    [Theory]
    [MemberData(nameof(Minimisers))]
    public void TakesItsKnownMinimumAtItsKnownMinimiser(string name, double[] minimiser, double tolerance)
    {
        var function = BenchmarkFunctions.Get(name);
        Assert.Equal(function.KnownMinimum, function.Evaluate(minimiser), tolerance);
    }

    [Theory]
    [MemberData(nameof(Minimisers))]
    public void TheMinimiserIsInsideTheSearchSpaceAndSurvivesEncoding(string name, double[] minimiser, double tolerance)
    {
        var function = BenchmarkFunctions.Get(name);
        var decoded = function.Decode(function.Encode(minimiser));
        Assert.Equal(function.KnownMinimum, function.Evaluate(decoded), Math.Max(tolerance, 1e-9));
    }

    [Theory]
    [InlineData("branin")]
    [InlineData("hartmann6")]
    [InlineData("ackley5")]
    [InlineData("rosenbrock4")]
    [InlineData("levy6")]
    [InlineData("mixed")]
    public void NoPointOfTheSpaceGoesBelowTheKnownMinimum(string name)
    {
        var function = BenchmarkFunctions.Get(name);
        var random = new Random(17);
        var point = new double[function.Space.Count];
        for (var i = 0; i < 20_000; i++)
        {
            for (var j = 0; j < point.Length; j++)
            {
                point[j] = random.NextDouble();
            }

            Assert.True(function.Evaluate(function.Decode(point)) >= function.KnownMinimum - 1e-9);
        }
    }

    [Fact]
    public void TheMixedObjectiveRanksTheOptimizersByTheirBase()
    {
        var mixed = BenchmarkFunctions.Get("mixed");
        Assert.Equal(0.30, mixed.Evaluate([1e-1, 192, 0, 0.3]), 12);  // sgd at its best lr: log10(lr) = -1
        Assert.Equal(0.10, mixed.Evaluate([Math.Pow(10, -2.5), 192, 2, 0.3]), 12);  // rmsprop
        Assert.Equal(["sgd", "adam", "rmsprop"], ((CategoricalDimension)mixed.Space.Dimensions[2]).Labels);
        Assert.Equal(16, ((IntegerDimension)mixed.Space.Dimensions[1]).Step);
    }

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkFunctions.Get("sphere"));
        Assert.Contains("branin, hartmann6, ackley5, rosenbrock4, levy6, mixed", error.Message, StringComparison.Ordinal);
    }
}
