using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

public sealed class StudyArgumentTests
{
    [Theory]
    [InlineData(0, 1, "trials")]
    [InlineData(-3, 1, "trials")]
    [InlineData(5, 0, "parallelism")]
    [InlineData(5, -1, "parallelism")]
    public async Task OptimizeAsyncRejectsNonPositiveCounts(int trials, int parallelism, string parameter)
    {
        var ran = 0;
        var study = Study.Create(TestObjective.FromTrial(_ => Interlocked.Increment(ref ran)));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.OptimizeAsync(trials, parallelism));

        Assert.Equal(parameter, error.ParamName);
        Assert.Equal(0, ran);
        Assert.Empty(await study.GetTrialsAsync());
    }

    [Fact]
    public void CreateRejectsANullObjective() =>
        Assert.Throws<ArgumentNullException>(() => Study.Create<TestParameters>(null!));
}
