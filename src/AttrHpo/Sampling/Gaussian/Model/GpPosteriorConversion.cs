namespace AttrHpo;

/// <summary>Hands a <see cref="GaussianProcess"/> to the candidate sweep in the form it takes.</summary>
internal static class GpPosteriorConversion
{
    /// <summary>The posterior of <paramref name="process"/> as a <see cref="GpPosterior"/> (sharing its arrays, which neither changes).</summary>
    public static GpPosterior ToPosterior(this GaussianProcess process) =>
        new(process.Count, process.Dimensions, process.Inputs, process.Hyperparameters.LengthScales, process.Hyperparameters.SignalVariance,
            process.Alpha, process.Lower, process.PriorMean);
}
