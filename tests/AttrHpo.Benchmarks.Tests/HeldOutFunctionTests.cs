namespace AttrHpo.Benchmarks.Tests;

public sealed class HeldOutFunctionTests
{
    /// <summary>Each held-out objective's minimiser, in decoded values.</summary>
    public static TheoryData<string, double[]> Minimisers => new()
    {
        { "expsphere5", [1.3, -0.7, 2.1, -2.9, 0.4] },
        { "diverging4", [0.55, 0.3, 0.7, 0.2] },
        { "failing5", [0.45, 0.5, 0.3, 0.8, 0.6] },
    };

    [Theory]
    [MemberData(nameof(Minimisers))]
    public void TakesItsKnownMinimumAtItsKnownMinimiserInsideTheSpace(string name, double[] minimiser)
    {
        var function = BenchmarkFunctions.Get(name);
        Assert.Contains(function, HeldOutFunctions.All);
        Assert.DoesNotContain(function, BenchmarkFunctions.All);
        Assert.Equal(function.KnownMinimum, function.Evaluate(minimiser), 1e-12);
        Assert.Equal(function.KnownMinimum, function.Evaluate(function.Decode(function.Encode(minimiser))), 1e-9);
    }

    [Theory]
    [InlineData("expsphere5")]
    [InlineData("diverging4")]
    [InlineData("failing5")]
    public void NoPointOfTheSpaceGoesBelowTheKnownMinimum(string name)
    {
        var function = BenchmarkFunctions.Get(name);
        var random = new Random(23);
        var point = new double[function.Space.Count];
        for (var i = 0; i < 20_000; i++)
        {
            for (var j = 0; j < point.Length; j++)
            {
                point[j] = random.NextDouble();
            }

            var value = function.Evaluate(function.Decode(point));
            Assert.True(double.IsNaN(value) || value >= function.KnownMinimum - 1e-9);
        }
    }

    [Fact]
    public void TheNoisyOneIsStyblinskiTangPlusRepeatableNoise()
    {
        var noisy = BenchmarkFunctions.Get("noisystyblinski4");
        double[] minimiser = [-2.903534, -2.903534, -2.903534, -2.903534];
        Assert.NotNull(noisy.Noiseless);
        Assert.Equal(noisy.KnownMinimum, noisy.Noiseless(minimiser), 1e-5);
        Assert.Equal(noisy.Evaluate(minimiser), noisy.Evaluate([.. minimiser]));
        var random = new Random(29);
        var noise = new List<double>();
        var point = new double[4];
        for (var i = 0; i < 20_000; i++)
        {
            for (var j = 0; j < point.Length; j++)
            {
                point[j] = random.NextDouble();
            }

            var x = noisy.Decode(point);
            Assert.True(noisy.Noiseless(x) >= noisy.KnownMinimum - 1e-9);
            noise.Add(noisy.Evaluate(x) - noisy.Noiseless(x));
        }

        Assert.Equal(0, noise.Average(), 0.2);
        Assert.Equal(5, Math.Sqrt(noise.Select(e => e * e).Average()), 0.2);
    }

    [Fact]
    public void EachStressesWhatItSays()
    {
        var sphere = BenchmarkFunctions.Get("expsphere5");
        Assert.True(sphere.Evaluate([-5, 5, -5, 5, -5]) > 1e6);   // seven orders of magnitude above the basin's 0.1
        var diverging = BenchmarkFunctions.Get("diverging4");
        Assert.True(diverging.Evaluate([0.9, 0.3, 0.7, 0.2]) >= 500);  // diverged: hundreds of times the good losses
        Assert.True(diverging.Evaluate([0.6, 0.3, 0.7, 0.2]) < 0.1);
        var failing = BenchmarkFunctions.Get("failing5");
        Assert.True(double.IsNaN(failing.Evaluate([0.6, 0.5, 0.3, 0.8, 0.6])));
        Assert.True(failing.Evaluate([0.45, 0.5, 0.3, 0.8, 0.6]) == 0);
    }

    [Fact]
    public async Task AFailedTrialNeverCountsAsTheBestAndTheSamplerSeesIt()
    {
        var failing = BenchmarkFunctions.Get("failing5");
        var (regret, _) = await QualityStudy.RunAsync(failing, "gp", budget: 25, batch: 4, seed: 1, CancellationToken.None);
        Assert.All(regret, r => Assert.True(double.IsFinite(r) && r >= 0));
    }
}
