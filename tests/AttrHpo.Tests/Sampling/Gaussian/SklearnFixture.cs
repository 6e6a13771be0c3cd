using System.Text.Json;

namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>
/// One case of <c>tests/fixtures/gp-matern52-sklearn.json</c> (copied beside the test assembly, as GpFixture reads it), flattened for
/// the model's tests: scikit-learn 1.2.1's posterior for a fixed Matern 5/2 kernel, and its fitted LML with the fit's bounds.
/// </summary>
public sealed record SklearnCase(
    int Dimensions,
    double[] Inputs,
    double[] Targets,
    double[] TestInputs,
    double[] LengthScales,
    double SignalVariance,
    double NoiseVariance,
    double[] Mean,
    double[] Std,
    double LogMarginalLikelihood,
    double BestObserved,
    double[] ExpectedImprovement,
    double FittedLogMarginalLikelihood,
    (double Low, double High) SignalBounds,
    (double Low, double High) LengthScaleBounds,
    (double Low, double High) NoiseBounds)
{
    public int Count => Targets.Length;

    public override string ToString() => $"n={Count}, d={Dimensions}";

    public static IReadOnlyList<SklearnCase> All { get; } = Load();

    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static SklearnCase[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "gp-matern52-sklearn.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(Parse)];
    }

    private static SklearnCase Parse(JsonElement c)
    {
        var x = c.GetProperty("X").EnumerateArray().Select(Vector).ToArray();
        var kernel = c.GetProperty("kernel");
        var fitted = c.GetProperty("fitted");
        var bounds = fitted.GetProperty("bounds");
        return new SklearnCase(
            x[0].Length,
            [.. x.SelectMany(p => p)],
            Vector(c.GetProperty("y")),
            [.. c.GetProperty("X_test").EnumerateArray().SelectMany(Vector)],
            Vector(kernel.GetProperty("length_scales")),
            kernel.GetProperty("signal_variance").GetDouble(),
            kernel.GetProperty("noise_variance").GetDouble(),
            Vector(c.GetProperty("mean")),
            Vector(c.GetProperty("std")),
            c.GetProperty("log_marginal_likelihood").GetDouble(),
            c.GetProperty("best_observed").GetDouble(),
            Vector(c.GetProperty("expected_improvement")),
            fitted.GetProperty("log_marginal_likelihood").GetDouble(),
            Bounds(bounds.GetProperty("signal_variance")),
            Bounds(bounds.GetProperty("length_scales")),
            Bounds(bounds.GetProperty("noise_variance")));
    }

    private static double[] Vector(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static (double, double) Bounds(JsonElement e) => (e[0].GetDouble(), e[1].GetDouble());
}
