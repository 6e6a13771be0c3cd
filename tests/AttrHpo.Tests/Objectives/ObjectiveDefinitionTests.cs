using System.Text.Json;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Objectives;

/// <summary>The hand-written shim behaves as the generated ones must: decode, encode and JSON agree.</summary>
public sealed class ObjectiveDefinitionTests
{
    private readonly TestObjective _objective = TestObjective.FromFunc(_ => 0);

    [Fact]
    public void EncodeThenDecodeGivesTheParametersBack()
    {
        foreach (var u in Coordinates.All.Where(u => u is >= 0 and <= 1).Take(500))
        {
            var parameters = _objective.Decode([u, u, 1 - u, u]);
            var point = new double[4];
            _objective.Encode(parameters, point);
            var back = _objective.Decode(point);
            Assert.Equal(parameters with { LearningRate = 0 }, back with { LearningRate = 0 });
            Assert.Equal(parameters.LearningRate, back.LearningRate, 1e-12 * parameters.LearningRate);
        }
    }

    [Fact]
    public void JsonNamesEachHyperparameterAsDeclared()
    {
        var json = _objective.ToJson(new TestParameters(0.001, 0.4, 3, "rmsprop"));
        Assert.Equal("""{"learningRate":0.001,"dropout":0.4,"layers":3,"optimizer":"rmsprop"}""", json);
    }

    [Theory]
    [InlineData("""{"learningRate": 1, "dropout": 0.3, "layers": 4, "optimizer": "adam"}""", "'learningRate'")]
    [InlineData("""{"learningRate": 0.01, "dropout": 0.35, "layers": 4, "optimizer": "adam"}""", "'dropout'")]
    [InlineData("""{"learningRate": 0.01, "dropout": 0.3, "layers": 9, "optimizer": "adam"}""", "'layers'")]
    [InlineData("""{"learningRate": 0.01, "dropout": 0.3, "layers": 4, "optimizer": "lbfgs"}""", "'optimizer'")]
    [InlineData("""{"learningRate": 0.01, "dropout": 0.3, "layers": 4.5, "optimizer": "adam"}""", "'layers'")]
    public void ReadingRejectsValuesOutsideTheSpace(string json, string property)
    {
        var error = Assert.Throws<JsonException>(() => _objective.FromJson(json));
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public void MalformedJsonIsAJsonError() =>
        Assert.ThrowsAny<JsonException>(() => _objective.FromJson("{\"learningRate\": "));

    [Fact]
    public void DescribesItself() =>
        Assert.StartsWith(TestObjective.DefaultId + " (Minimize): learningRate: [1E-05, 0.1] log; dropout:", _objective.ToString());

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void APointOfTheWrongLengthIsRejected(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => _objective.Decode(new double[length]));
        Assert.Contains($"has 4 dimensions, but the point has {length} coordinates", error.Message);
        Assert.Throws<ArgumentException>(() => _objective.Encode(new TestParameters(0.01, 0.2, 2, "sgd"), new double[length]));
    }
}
