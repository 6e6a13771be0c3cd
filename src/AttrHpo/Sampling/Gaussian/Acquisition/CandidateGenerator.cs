namespace AttrHpo;

/// <summary>
/// The candidate sweep's points, in GP features: three quarters scrambled Sobol points of the search space's cube, one
/// quarter perturbations of the best observed points (Gaussian steps of 0.05 on the free features, sometimes another
/// choice), all snapped to valid values.
/// </summary>
internal static class CandidateGenerator
{
    private const double LocalStep = 0.05;
    private const double ChoiceFlipProbability = 0.2;

    /// <summary>Writes <paramref name="count"/> candidates, row-major, into a new array.</summary>
    /// <param name="encoding">The space's feature encoding.</param>
    /// <param name="space">The search space.</param>
    /// <param name="count">How many candidates.</param>
    /// <param name="incumbents">Features of the best observed points, row-major (may be empty).</param>
    /// <param name="sobolSeed">Scrambles the Sobol points.</param>
    /// <param name="random">Draws the local perturbations.</param>
    /// <param name="discreteOrderedChoices">Perturb an ordered choice as a one-hot one (sometimes another value, drawn uniformly) rather than by a step.</param>
    public static double[] Create(
        FeatureEncoding encoding, SearchSpace space, int count, ReadOnlySpan<double> incumbents, ulong sobolSeed, Random random, bool discreteOrderedChoices = false)
    {
        var f = encoding.FeatureCount;
        var candidates = new double[count * f];
        var incumbentCount = incumbents.Length / f;
        var local = incumbentCount == 0 ? 0 : count / 4;
        var point = new double[space.Count];
        for (var c = 0; c < count - local; c++)
        {
            SobolSampler.Fill((uint)c, sobolSeed, scramble: true, point);
            encoding.Encode(point, candidates.AsSpan(c * f, f));
        }

        for (var c = count - local; c < count; c++)
        {
            var row = candidates.AsSpan(c * f, f);
            incumbents.Slice((c % incumbentCount) * f, f).CopyTo(row);
            foreach (var k in discreteOrderedChoices ? encoding.RelaxedFeatures : encoding.FreeFeatures)
            {
                row[k] = Math.Clamp(row[k] + (LocalStep * Gaussian(random)), 0, 1);
            }

            var unit = encoding.Decode(row);
            for (var i = 0; i < space.Count; i++)
            {
                if ((encoding.IsOneHot(i) || (discreteOrderedChoices && encoding.IsOrderedChoice(i))) && random.NextDouble() < ChoiceFlipProbability)
                {
                    unit[i] = random.NextDouble();
                }
            }

            encoding.Encode(unit, row);
        }

        return candidates;
    }

    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
