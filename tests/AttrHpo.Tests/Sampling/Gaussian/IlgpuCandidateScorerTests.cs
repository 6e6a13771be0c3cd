using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class IlgpuCandidateScorerTests
{
    private static void AssertClose(double[] expected, double[] actual, string what, double relative = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = relative * Math.Max(Math.Abs(expected[i]), double.Epsilon);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: managed {expected[i]}, ILGPU {actual[i]}");
        }
    }

    [Theory]
    [InlineData(1, 1, 7, 1)]
    [InlineData(30, 2, 500, 2)]
    [InlineData(120, 5, 1000, 3)]
    [InlineData(200, 8, 1000, 4)]
    public void AgreesWithTheManagedScorerOnRandomPosteriors(int n, int d, int m, int seed)
    {
        var (posterior, candidates, best) = RandomPosteriors.Create(n, d, m, seed);
        using var managed = new ManagedCandidateScorer();
        using var ilgpu = IlgpuCandidateScorer.CreateCpu();
        var expected = ManagedCandidateScorerTests.Score(managed, posterior, candidates, best);
        var actual = ManagedCandidateScorerTests.Score(ilgpu, posterior, candidates, best);
        AssertClose(expected.Mean, actual.Mean, "mean");
        AssertClose(expected.Variance, actual.Variance, "variance");
        AssertClose(expected.LogEi, actual.LogEi, "logEi");
        Assert.All(actual.LogEi, value => Assert.True(double.IsFinite(value)));
    }

    [Theory]
    [MemberData(nameof(GpFixture.CaseIndices), MemberType = typeof(GpFixture))]
    public void MatchesScikitLearnsPosterior(int index)
    {
        var c = GpFixture.Cases[index];
        using var scorer = IlgpuCandidateScorer.CreateCpu();
        var (mean, variance, _) = ManagedCandidateScorerTests.Score(scorer, c.Posterior(), c.TestPoints, c.BestObserved);
        AssertClose(c.Mean, mean, "mean", 1e-6);
        AssertClose(c.Std, [.. variance.Select(v => Math.Sqrt(v + c.NoiseVariance))], "std", 1e-6);
    }

    [Fact]
    public void ReusesItsBuffersAcrossPosteriorsAndSweepsOfOtherSizesAndSplitsLargeSweepsIntoChunks()
    {
        using var managed = new ManagedCandidateScorer();
        using var ilgpu = IlgpuCandidateScorer.CreateCpu();
        using var chunked = IlgpuCandidateScorer.CreateCpu(scratchValues: 60 * 7);
        foreach (var (n, d, m, seed) in new[] { (40, 3, 300, 5), (10, 2, 50, 6), (60, 4, 200, 7), (60, 4, 200, 7) })
        {
            var (posterior, candidates, best) = RandomPosteriors.Create(n, d, m, seed);
            var expected = ManagedCandidateScorerTests.Score(managed, posterior, candidates, best);
            foreach (var scorer in new ICandidateScorer[] { ilgpu, chunked })
            {
                var actual = ManagedCandidateScorerTests.Score(scorer, posterior, candidates, best);
                AssertClose(expected.Mean, actual.Mean, "mean");
                AssertClose(expected.Variance, actual.Variance, "variance");
                AssertClose(expected.LogEi, actual.LogEi, "logEi");
            }
        }
    }

    [Fact]
    public void TheFactoryGivesWhatTheConfigurationAsksFor()
    {
        using (var managed = GpCandidateSweep.Managed.CreateScorer())
        {
            Assert.IsType<ManagedCandidateScorer>(managed);
        }

        using (var cpu = GpCandidateSweep.IlgpuCpu.CreateScorer())
        {
            Assert.Contains("CPU", Assert.IsType<IlgpuCandidateScorer>(cpu).DeviceName, StringComparison.OrdinalIgnoreCase);
        }

        using var auto = GpCandidateSweep.Auto.CreateScorer();
        var (posterior, candidates, best) = RandomPosteriors.Create(20, 2, 100, 8);
        using var reference = new ManagedCandidateScorer();
        Assert.Equal(ManagedCandidateScorerTests.Score(reference, posterior, candidates, best).LogEi, ManagedCandidateScorerTests.Score(auto, posterior, candidates, best).LogEi);
    }

    [Fact]
    public void AskingForCudaWithoutAGpuSaysWhatToChooseInstead()
    {
        if (IlgpuCandidateScorer.IsCudaAvailable())
        {
            using var cuda = GpCandidateSweep.Cuda.CreateScorer();
            Assert.IsType<IlgpuCandidateScorer>(cuda);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => GpCandidateSweep.Cuda.CreateScorer());
        Assert.Contains("GpCandidateSweep.Auto", error.Message, StringComparison.Ordinal);
    }
}
