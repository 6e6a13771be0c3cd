using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Spaces;

/// <summary>Choices: every coordinate decodes to a valid index, the ends to the first and last choice.</summary>
public sealed class CategoricalDimensionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void EveryCoordinateDecodesToAChoice(int count)
    {
        var dimension = new CategoricalDimension("c", [.. Enumerable.Range(0, count).Select(i => $"v{i}")]);
        foreach (var u in Coordinates.All)
        {
            var index = dimension.Decode(u);
            Assert.InRange(index, 0, count - 1);
        }

        Assert.Equal(0, dimension.Decode(0));
        Assert.Equal(count - 1, dimension.Decode(1));
        Assert.Equal(count - 1, dimension.Decode(Coordinates.JustBelowOne));
        Assert.Equal(0, dimension.Decode(double.NaN));
    }

    [Fact]
    public void CellsSplitTheUnitIntervalEvenly()
    {
        var dimension = new CategoricalDimension("c", ["a", "b", "c", "d"]);
        Assert.Equal(0, dimension.Decode(0.2499));
        Assert.Equal(1, dimension.Decode(0.25));
        Assert.Equal(2, dimension.Decode(0.5));
        Assert.Equal(3, dimension.Decode(0.75));
    }

    [Fact]
    public void LabelsAreKeptInOrderAndLookedUpOrdinally()
    {
        var dimension = new CategoricalDimension("opt", ["sgd", "adam", "Adam"]);
        Assert.Equal(["sgd", "adam", "Adam"], dimension.Labels);
        Assert.Equal(3, dimension.Cardinality);
        Assert.Equal(1, dimension.IndexOf("adam"));
        Assert.Equal(2, dimension.IndexOf("Adam"));
        Assert.Equal(-1, dimension.IndexOf("ADAM"));
    }

    [Fact]
    public void LabelsAreCopied()
    {
        var labels = new List<string> { "a", "b" };
        var dimension = new CategoricalDimension("c", labels);
        labels.Add("c");
        Assert.Equal(2, dimension.Labels.Count);
    }

    [Fact]
    public void EncodeRejectsIndicesThatAreNotChoices()
    {
        var dimension = new CategoricalDimension("c", ["a", "b"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => dimension.Encode(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dimension.Encode(2));
    }

    [Fact]
    public void DescribesItself() => Assert.Equal("opt: {sgd, adam}", new CategoricalDimension("opt", ["sgd", "adam"]).ToString());
}
