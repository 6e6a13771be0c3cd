namespace AttrHpo.Tests.Spaces;

/// <summary>The stored text of a search space reads back as the same space, so stored studies can be shown without their code.</summary>
public sealed class SpaceDefinitionTests
{
    [Fact]
    public void EveryKindOfDimensionReadsBackAsWritten()
    {
        var space = new SearchSpace(
        [
            new RealDimension("lr", 1e-5, 0.3, log: true),
            new RealDimension("dropout", 0.0, 0.5, step: 0.05),
            new IntegerDimension("layers", 1, 8),
            new IntegerDimension("width", 16, 1024, log: true, step: 16),
            new CategoricalDimension("activation", ["relu", "tanh", "gelu"]),
        ]);

        var read = SpaceDefinition.Read(SpaceDefinition.Of(space));

        Assert.Equal(SpaceDefinition.Of(space), SpaceDefinition.Of(read));
        var lr = Assert.IsType<RealDimension>(read.Dimensions[0]);
        Assert.Equal((1e-5, 0.3, true), (lr.Low, lr.High, lr.Log));
        var width = Assert.IsType<IntegerDimension>(read.Dimensions[3]);
        Assert.Equal((16L, 1024L, true, 16L), (width.Low, width.High, width.Log, width.Step));
        Assert.Equal(["relu", "tanh", "gelu"], Assert.IsType<CategoricalDimension>(read.Dimensions[4]).Labels);
    }

    [Theory]
    [InlineData("x: real [0, one]")]
    [InlineData("x: spline [0, 1]")]
    [InlineData("x: integer [5, 1]")]
    public void ALineItCannotReadIsQuotedInTheError(string line)
    {
        var error = Assert.Throws<FormatException>(() => SpaceDefinition.Read("a: real [0, 1]\n" + line));

        Assert.Contains(line, error.Message, StringComparison.Ordinal);
        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
    }
}
