namespace AttrHpo;

/// <summary>Bounds on the kernel hyperparameters the fitter searches within (each as [low, high], both positive).</summary>
/// <param name="LengthScale">Bounds on every length scale, in unit-cube units.</param>
/// <param name="SignalVariance">Bounds on the signal variance, in units of the (standardised) targets squared.</param>
/// <param name="NoiseVariance">Bounds on the noise variance, in the same units.</param>
internal sealed record GpFitBounds((double Low, double High) LengthScale, (double Low, double High) SignalVariance, (double Low, double High) NoiseVariance)
{
    /// <summary>The sampler's bounds, for standardised targets in the unit cube.</summary>
    public static GpFitBounds Default { get; } = new((0.01, 100), (0.05, 20), (1e-6, 0.5));

    /// <summary>The bounds on the log hyperparameters, in the order of <see cref="GpHyperparameters.ToLog"/>.</summary>
    public (double[] Lower, double[] Upper) ToLog(int dimensions)
    {
        var lower = new double[dimensions + 2];
        var upper = new double[dimensions + 2];
        for (var j = 0; j < dimensions; j++)
        {
            lower[j] = Math.Log(LengthScale.Low);
            upper[j] = Math.Log(LengthScale.High);
        }

        lower[dimensions] = Math.Log(SignalVariance.Low);
        upper[dimensions] = Math.Log(SignalVariance.High);
        lower[dimensions + 1] = Math.Log(NoiseVariance.Low);
        upper[dimensions + 1] = Math.Log(NoiseVariance.High);
        return (lower, upper);
    }
}
