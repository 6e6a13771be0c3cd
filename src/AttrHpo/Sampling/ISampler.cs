namespace AttrHpo;

/// <summary>
/// Proposes the next point of the unit cube to evaluate. A sampler is deterministic: the same context gives
/// the same point, so a study with a fixed seed runs the same trials however many run at once.
/// </summary>
public interface ISampler
{
    /// <summary>Proposes a point for a new trial.</summary>
    /// <param name="context">The search space, the trial's number and seed, and the study's history.</param>
    /// <returns>One coordinate in [0, 1] per dimension of the space.</returns>
    double[] Suggest(SamplingContext context);
}
