namespace AttrHpo;

/// <summary>
/// Chooses a Kumaraswamy warp <c>w(u) = 1 - (1 - u^a)^b</c> for each free feature (<see cref="GpSamplerOptions.InputWarping"/>,
/// after Snoek et al. 2014): with the kernel's hyperparameters fixed, each feature in turn takes the (a, b) of a small grid
/// that maximises the log marginal likelihood plus a log-normal(0, 0.75) log prior on a and b (BoTorch's prior on the warp's
/// concentrations), the other features keeping the warps already chosen. The grid search needs no gradient with respect to
/// the warps and costs one factorisation per grid point and feature.
/// </summary>
internal static class InputWarping
{
    /// <summary>The exponents tried for a and for b: 25 warps per feature, the identity among them.</summary>
    private static readonly double[] Exponents = [0.5, 0.7, 1.0, 1.4, 2.0];

    private const double PriorVariance = 0.75;

    /// <summary>The warp exponents (a, b) per free feature (indexed like <see cref="FeatureEncoding.FreeFeatures"/>).</summary>
    /// <param name="encoding">The unwarped encoding.</param>
    /// <param name="inputs">Unwarped features of the fitting observations, row-major.</param>
    /// <param name="targets">Their targets.</param>
    /// <param name="priorMean">The prior mean.</param>
    /// <param name="hyperparameters">The kernel's hyperparameters, fitted to the unwarped inputs.</param>
    public static (double[] A, double[] B) Choose(FeatureEncoding encoding, double[] inputs, double[] targets, double priorMean, GpHyperparameters hyperparameters)
    {
        var f = encoding.FeatureCount;
        var n = targets.Length;
        var free = encoding.FreeFeatures;
        var a = Enumerable.Repeat(1.0, free.Count).ToArray();
        var b = Enumerable.Repeat(1.0, free.Count).ToArray();
        var warped = (double[])inputs.Clone();
        for (var j = 0; j < free.Count; j++)
        {
            var k = free[j];
            // The identity first (column k is still unwarped): a warp replaces it only when strictly better.
            var bestScore = Score(warped, f, targets, priorMean, hyperparameters);
            var (bestA, bestB) = (1.0, 1.0);
            foreach (var ea in Exponents)
            {
                foreach (var eb in Exponents)
                {
                    if (ea == 1 && eb == 1)
                    {
                        continue;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        warped[(i * f) + k] = FeatureEncoding.Kumaraswamy(inputs[(i * f) + k], ea, eb);
                    }

                    var score = Score(warped, f, targets, priorMean, hyperparameters) + LogPrior(ea) + LogPrior(eb);
                    if (score > bestScore)
                    {
                        bestScore = score;
                        (bestA, bestB) = (ea, eb);
                    }
                }
            }

            a[j] = bestA;
            b[j] = bestB;
            for (var i = 0; i < n; i++)
            {
                warped[(i * f) + k] = FeatureEncoding.Kumaraswamy(inputs[(i * f) + k], bestA, bestB);
            }
        }

        return (a, b);
    }

    private static double Score(double[] inputs, int f, double[] targets, double priorMean, GpHyperparameters hyperparameters)
    {
        try
        {
            var value = new GaussianProcess(inputs, f, targets, hyperparameters, priorMean).LogMarginalLikelihood;
            return double.IsFinite(value) ? value : double.NegativeInfinity;
        }
        catch (GpNumericalException)
        {
            return double.NegativeInfinity;
        }
    }

    private static double LogPrior(double exponent)
    {
        var l = Math.Log(exponent);
        return -l * l / (2 * PriorVariance);
    }
}
