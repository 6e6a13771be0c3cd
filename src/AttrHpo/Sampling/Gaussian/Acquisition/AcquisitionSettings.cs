namespace AttrHpo;

/// <summary>What the acquisition search takes from <see cref="GpSamplerOptions"/>.</summary>
/// <param name="Separation">How far (in some feature) a new point keeps from running and evaluated points when it can.</param>
/// <param name="MonteCarloSamples">Monte Carlo samples of batch expected improvement.</param>
/// <param name="RefinementStarts">How many of the best candidates are refined by gradient.</param>
internal readonly record struct AcquisitionSettings(double Separation, int MonteCarloSamples, int RefinementStarts)
{
    /// <summary>Whether suggestions of the global search (outside a trust region) are refined by gradient too.</summary>
    public bool GlobalRefinement { get; init; }

    /// <summary>Whether ordered choices stay discrete while a suggestion is refined (experimental).</summary>
    public bool DiscreteOrderedChoices { get; init; }

    /// <summary>Whether <see cref="DiscreteOrderedChoices"/> holds inside a trust region too.</summary>
    public bool DiscreteOrderedChoicesInTrustRegion { get; init; }

    /// <summary>How far from the unit cube's faces a trust-region suggestion's gradient refinement stops (0: it may reach them).</summary>
    public double RefinementFaceMargin { get; init; }
}
