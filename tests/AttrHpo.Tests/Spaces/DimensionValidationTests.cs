namespace AttrHpo.Tests.Spaces;

/// <summary>Invalid dimensions throw <see cref="ArgumentException"/> naming the hyperparameter and the problem.</summary>
public sealed class DimensionValidationTests
{
    private static void AssertRejected(Action create, string paramName, params string[] fragments)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(paramName, error.ParamName);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0)]
    public void RealRangeMustBeFiniteAndIncreasing(double low, double high) =>
        AssertRejected(() => _ = new RealDimension("lr", low, high), "high", "'lr'", "low must be finite and smaller than high");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RealLogRangeNeedsAPositiveLow(double low) =>
        AssertRejected(() => _ = new RealDimension("lr", low, 1, log: true), "low", "'lr'", "positive low bound", $"low is {low}");

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RealStepMustBePositiveOrZero(double step) =>
        AssertRejected(() => _ = new RealDimension("dropout", 0, 1, step: step), "step", "'dropout'", "step", "invalid");

    [Fact]
    public void RealStepMakingTooManyValuesIsRejected() =>
        AssertRejected(() => _ = new RealDimension("x", 0, 1, step: 1e-300), "step", "'x'", "2^62");

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(long.MaxValue, long.MinValue)]
    public void IntegerRangeMustBeIncreasing(long low, long high) =>
        AssertRejected(() => _ = new IntegerDimension("layers", low, high), "high", "'layers'", $"[{low}, {high}]", "low must be smaller than high");

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void IntegerLogRangeNeedsAPositiveLow(long low) =>
        AssertRejected(() => _ = new IntegerDimension("batch", low, 100, log: true), "low", "'batch'", "positive low bound", $"low is {low}");

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void IntegerStepMustBeAtLeastOne(long step) =>
        AssertRejected(() => _ = new IntegerDimension("layers", 0, 10, step: step), "step", "'layers'", $"step {step}", "at least 1");

    [Fact]
    public void AChoiceNeedsValues() =>
        AssertRejected(() => _ = new CategoricalDimension("optimizer", []), "labels", "'optimizer'", "at least one");

    [Fact]
    public void ChoiceLabelsMustBeUnique() =>
        AssertRejected(() => _ = new CategoricalDimension("optimizer", ["sgd", "adam", "sgd"]), "labels", "'optimizer'", "'sgd'", "twice");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void NamesMustNotBeBlank(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new RealDimension(name, 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => new IntegerDimension(name, 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => new CategoricalDimension(name, ["a"]));
    }
}
