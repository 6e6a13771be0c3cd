namespace AttrHpo.Tests.Spaces;

public sealed class SearchSpaceTests
{
    [Fact]
    public void DuplicateNamesAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace(
        [
            new RealDimension("lr", 0, 1),
            new IntegerDimension("layers", 1, 4),
            new CategoricalDimension("lr", ["a", "b"]),
        ]));
        Assert.Equal("dimensions", error.ParamName);
        Assert.Contains("'lr'", error.Message);
        Assert.Contains("own name", error.Message);
    }

    [Fact]
    public void NamesAreCaseSensitive() =>
        Assert.Equal(2, new SearchSpace([new RealDimension("lr", 0, 1), new RealDimension("LR", 0, 1)]).Count);

    [Fact]
    public void NullDimensionsAreRejected() =>
        Assert.Throws<ArgumentNullException>(() => new SearchSpace([new RealDimension("lr", 0, 1), null!]));

    [Fact]
    public void KeepsACopyOfTheDimensionsInOrder()
    {
        var dimensions = new List<Dimension> { new RealDimension("a", 0, 1), new IntegerDimension("b", 0, 3) };
        var space = new SearchSpace(dimensions);
        dimensions.Clear();
        Assert.Equal(["a", "b"], space.Dimensions.Select(d => d.Name));
        Assert.Equal("a: [0, 1]; b: [0, 3]", space.ToString());
    }
}
