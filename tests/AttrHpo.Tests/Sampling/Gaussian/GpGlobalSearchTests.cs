namespace AttrHpo.Tests.Sampling.Gaussian;

/// <summary>
/// The settings of the global (not trust-region) search measured on the breast-cancer MLP (docs/benchmarks.md, "Global
/// search at the box's edges"): no refinement (the default), and ordered choices drawn as discrete values (experimental).
/// </summary>
public sealed class GpGlobalSearchTests
{
    private static readonly SearchSpace Space = GpTrustRegionTests.Space;

    /// <summary>Coordinates of lr, units and l2 exactly at a bound of the cube, after the design.</summary>
    private static int AtBounds(IEnumerable<Observation> trials) =>
        trials.Sum(t => t.Point.Take(3).Count(u => u <= 1e-9 || u >= 1 - 1e-9));

    [Fact]
    public void ByDefaultGlobalTrialsKeepOffTheBounds()
    {
        // The bounded BFGS refinement of expected improvement over the whole cube stops on its faces; the scored
        // candidates (scrambled Sobol points and perturbed incumbents) almost never lie there.
        var design = (2 * Space.Count) + 1;
        var refined = 0;
        var unrefined = 0;
        for (ulong seed = 0; seed < 2; seed++)
        {
            refined += AtBounds(GpTrustRegionTests.Run(new GpSamplerOptions { TrustRegionShare = 0, GlobalRefinement = true }, 32, seed).Skip(design));
            unrefined += AtBounds(GpTrustRegionTests.Run(new GpSamplerOptions { TrustRegionShare = 0 }, 32, seed).Skip(design));
        }

        Assert.True(refined >= 8 && unrefined * 4 <= refined, $"coordinates at a bound after the design: refined {refined}, unrefined {unrefined}");
    }

    [Fact]
    public void DiscreteOrderedChoicesLetLocalCandidatesLeaveTheIncumbentsValue()
    {
        var encoding = new FeatureEncoding(Space, orderedChoices: true);
        var f = encoding.FeatureCount;
        var incumbent = new double[f];
        encoding.Encode([0.5, 0.5, 0.5, 0.5, 0.1], incumbent); // batch size 8, an end of the ordered choice
        var batch = (CategoricalDimension)Space.Dimensions[4];
        int Moved(bool discrete)
        {
            // 400 candidates with one incumbent: the last 100 are its perturbations.
            var candidates = CandidateGenerator.Create(encoding, Space, 400, incumbent, 7, new Random(3), discrete);
            return Enumerable.Range(300, 100).Count(c => batch.Decode(encoding.Decode(candidates.AsSpan(c * f, f))[4]) != 0);
        }

        // A step of 0.05 rarely crosses the cell's edge 0.1 away (about 2 %); a redraw with probability 0.2 leaves it 16 % of the time.
        var stepped = Moved(false);
        var drawn = Moved(true);
        Assert.True(stepped <= 6 && drawn >= 10, $"local candidates of 100 off batch size 8: stepped {stepped}, drawn {drawn}");
    }
}
