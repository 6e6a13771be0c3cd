namespace AttrHpo;

/// <summary>A GP fitted to a study's history, as the sampler uses it: the process on standardised targets and the incumbents.</summary>
/// <param name="Process">The process, conditioned on (a subset of) the observations.</param>
/// <param name="Best">The smallest standardised target.</param>
/// <param name="Incumbents">Features of the best few observations, row-major, best first.</param>
/// <param name="ObservationCount">The number of observations the model stands for.</param>
/// <param name="Encoding">The feature encoding the process's inputs are in (with the fitted input warps, if any).</param>
internal sealed record FittedModel(GaussianProcess Process, double Best, double[] Incumbents, int ObservationCount, FeatureEncoding Encoding);
