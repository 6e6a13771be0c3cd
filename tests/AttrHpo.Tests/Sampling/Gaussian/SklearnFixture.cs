namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>
/// One case of <c>tests/fixtures/gp-matern52-sklearn.json</c> (read by <see cref="Support.GpFixture"/>), flattened for
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

    /// <summary>The cases as <see cref="Support.GpFixture"/> reads them, flattened.</summary>
    private static SklearnCase[] Load() => [.. Support.GpFixture.Cases.Select(c => new SklearnCase(
        c.Dimensions,
        [.. c.X.SelectMany(p => p)],
        c.Y,
        c.TestPoints,
        c.LengthScales,
        c.SignalVariance,
        c.NoiseVariance,
        c.Mean,
        c.Std,
        c.LogMarginalLikelihood,
        c.BestObserved,
        c.ExpectedImprovement,
        c.FittedLogMarginalLikelihood,
        c.SignalBounds,
        c.LengthScaleBounds,
        c.NoiseBounds))];
}
