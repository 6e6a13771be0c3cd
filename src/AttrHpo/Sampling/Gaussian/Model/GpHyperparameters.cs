namespace AttrHpo;

/// <summary>The kernel hyperparameters of a Gaussian process: Matern 5/2 length scales, signal variance and noise variance.</summary>
internal sealed class GpHyperparameters
{
    public GpHyperparameters(double[] lengthScales, double signalVariance, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(lengthScales);
        foreach (var scale in lengthScales)
        {
            if (!(scale > 0) || double.IsInfinity(scale))
            {
                throw new ArgumentException($"A GP length scale must be positive and finite, but one is {scale}.", nameof(lengthScales));
            }
        }

        if (!(signalVariance > 0) || double.IsInfinity(signalVariance))
        {
            throw new ArgumentException($"The GP signal variance must be positive and finite, but it is {signalVariance}.", nameof(signalVariance));
        }

        if (!(noiseVariance >= 0) || double.IsInfinity(noiseVariance))
        {
            throw new ArgumentException($"The GP noise variance must be zero or positive and finite, but it is {noiseVariance}.", nameof(noiseVariance));
        }

        LengthScales = lengthScales;
        SignalVariance = signalVariance;
        NoiseVariance = noiseVariance;
    }

    /// <summary>One length scale per input dimension.</summary>
    public double[] LengthScales { get; }

    /// <summary>The kernel's variance at distance zero.</summary>
    public double SignalVariance { get; }

    /// <summary>The variance of the observation noise.</summary>
    public double NoiseVariance { get; }

    /// <summary>The number of fitted parameters: the length scales, then the signal and noise variances.</summary>
    public int ParameterCount => LengthScales.Length + 2;

    /// <summary>The hyperparameters as logarithms, in the order the fitter uses: log l_1..l_d, log s, log noise.</summary>
    public double[] ToLog()
    {
        var theta = new double[ParameterCount];
        for (var j = 0; j < LengthScales.Length; j++)
        {
            theta[j] = Math.Log(LengthScales[j]);
        }

        theta[^2] = Math.Log(SignalVariance);
        theta[^1] = Math.Log(NoiseVariance);
        return theta;
    }

    /// <summary>Hyperparameters from their logarithms, as <see cref="ToLog"/> writes them.</summary>
    public static GpHyperparameters FromLog(ReadOnlySpan<double> theta)
    {
        var scales = new double[theta.Length - 2];
        for (var j = 0; j < scales.Length; j++)
        {
            scales[j] = Math.Exp(theta[j]);
        }

        return new GpHyperparameters(scales, Math.Exp(theta[^2]), Math.Exp(theta[^1]));
    }
}
