namespace AttrHpo;

/// <summary>How the Gaussian-process sampler transforms the observed losses before standardising them for the Gaussian process.</summary>
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
}
