namespace AttrHpo;

/// <summary>How the Gaussian-process sampler transforms the observed losses before standardising them for the Gaussian process.</summary>
/// <remarks>Every transform is increasing (<see cref="Auto"/>'s clipping only merges the far tail of bad losses), so the
/// best loss stays the smallest target. Failed trials are imputed after the transform, as the worst target.</remarks>
public enum GpOutputTransform
{
    /// <summary>Losses as observed (then standardised).</summary>
    None,

    /// <summary>
    /// The logarithm, for skewed positive objectives: <c>log(y)</c> when every loss is positive, else
    /// <c>log(y - min + delta)</c> with <c>delta</c> a thousandth of the losses' range, so any objective works.
    /// </summary>
    Log,

    /// <summary>A Yeo-Johnson power transform whose exponent is fitted by maximum likelihood to the standardised losses (Yeo and Johnson 2000).</summary>
    Power,

    /// <summary>
    /// Ranks mapped to normal quantiles (a Gaussian copula): the loss of rank r (0-based, ties sharing their mean rank) among
    /// n becomes <c>Phi^-1((r + 1/2) / n)</c>. Only the order of the losses counts, so no outlier has any pull.
    /// </summary>
    RankGaussian,

    /// <summary>
    /// Chosen from the finite losses at every fit, as HEBO does: <see cref="Power"/> (a fitted exponent near 1 is nearly the
    /// identity for losses that are already symmetric), replaced by <see cref="RankGaussian"/> when the power-transformed
    /// losses keep a skewness above 2 (a tail of bad losses no exponent tames); <see cref="None"/> below three losses. Then
    /// transformed losses above the third quartile plus three interquartile ranges (Tukey's far-out fence) are clipped to it,
    /// so a diverged run cannot flatten the model of the others.
    /// </summary>
    Auto,
}
