using System.Text.Json;

namespace AttrHpo.Tests.Objectives;

/// <summary>Reading parameters from JSON: errors are <see cref="JsonException"/>s that name the property and the problem.</summary>
public sealed class ParameterJsonTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static void AssertJsonError(Action read, params string[] fragments)
    {
        var error = Assert.Throws<JsonException>(read);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Fact]
    public void ReadsEveryKind()
    {
        var json = Parse("""{"lr": 0.001, "layers": 9007199254740993, "epochs": 12, "opt": "adam", "bn": true, "x": false}""");
        Assert.Equal(0.001, ParameterJson.GetDouble(json, "lr"));
        Assert.Equal(9007199254740993L, ParameterJson.GetInt64(json, "layers"));
        Assert.Equal(12, ParameterJson.GetInt32(json, "epochs"));
        Assert.Equal(12.0, ParameterJson.GetDouble(json, "epochs"));
        Assert.Equal("adam", ParameterJson.GetString(json, "opt"));
        Assert.True(ParameterJson.GetBoolean(json, "bn"));
        Assert.False(ParameterJson.GetBoolean(json, "x"));
    }

    [Fact]
    public void MissingPropertiesAreNamed()
    {
        var json = Parse("""{"other": 1}""");
        AssertJsonError(() => ParameterJson.GetDouble(json, "lr"), "'lr'", "missing");
        AssertJsonError(() => ParameterJson.GetInt64(json, "layers"), "'layers'", "missing");
        AssertJsonError(() => ParameterJson.GetInt32(json, "epochs"), "'epochs'", "missing");
        AssertJsonError(() => ParameterJson.GetString(json, "opt"), "'opt'", "missing");
        AssertJsonError(() => ParameterJson.GetBoolean(json, "bn"), "'bn'", "missing");
    }

    [Fact]
    public void PropertyNamesAreCaseSensitive() =>
        AssertJsonError(() => ParameterJson.GetDouble(Parse("""{"LR": 1}"""), "lr"), "'lr'", "missing");

    [Theory]
    [InlineData("""{"p": "0.1"}""", "a number")]
    [InlineData("""{"p": null}""", "a number")]
    [InlineData("""{"p": [1]}""", "a number")]
    [InlineData("""{"p": 1e400}""", "a finite number")]
    public void DoublesOfTheWrongKindAreNamed(string json, string expected) =>
        AssertJsonError(() => ParameterJson.GetDouble(Parse(json), "p"), "'p'", $"must be {expected}");

    [Theory]
    [InlineData("""{"p": 1.5}""", "an integer")]
    [InlineData("""{"p": 1e30}""", "an integer")]
    [InlineData("""{"p": "3"}""", "a number")]
    public void IntegersOfTheWrongKindAreNamed(string json, string expected) =>
        AssertJsonError(() => ParameterJson.GetInt64(Parse(json), "p"), "'p'", $"must be {expected}");

    [Fact]
    public void Int32OverflowIsNamed() =>
        AssertJsonError(() => ParameterJson.GetInt32(Parse("""{"p": 3000000000}"""), "p"), "'p'", "a 32-bit integer", "3000000000");

    [Theory]
    [InlineData("""{"p": 3}""")]
    [InlineData("""{"p": null}""")]
    [InlineData("""{"p": true}""")]
    public void StringsOfTheWrongKindAreNamed(string json) =>
        AssertJsonError(() => ParameterJson.GetString(Parse(json), "p"), "'p'", "must be a string");

    [Theory]
    [InlineData("""{"p": "true"}""")]
    [InlineData("""{"p": 1}""")]
    public void BooleansOfTheWrongKindAreNamed(string json) =>
        AssertJsonError(() => ParameterJson.GetBoolean(Parse(json), "p"), "'p'", "must be true or false");

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("3")]
    [InlineData("\"text\"")]
    public void ANonObjectIsAJsonError(string json)
    {
        var root = Parse(json);
        AssertJsonError(() => ParameterJson.GetDouble(root, "p"), "JSON object");
        AssertJsonError(() => ParameterJson.GetString(root, "p"), "JSON object");
        AssertJsonError(() => ParameterJson.GetBoolean(root, "p"), "JSON object");
    }

    [Fact]
    public void ChoicesAreFoundByValue()
    {
        Assert.Equal(1, ParameterJson.IndexOfChoice("opt", "adam", ["sgd", "adam"]));
        Assert.Equal(2, ParameterJson.IndexOfChoice("size", 64, [16, 32, 64]));
    }

    [Fact]
    public void ValuesThatAreNotChoicesAreNamed()
    {
        AssertJsonError(() => ParameterJson.IndexOfChoice("opt", "Adam", ["sgd", "adam"]), "'opt'", "\"Adam\"", "not one of the choices", "\"sgd\", \"adam\"");
        AssertJsonError(() => ParameterJson.IndexOfChoice("rate", 0.5, [0.1, 0.25]), "'rate'", "0.5", "0.1, 0.25");
    }

    [Fact]
    public void OutOfRangeNamesTheValueAndTheDimension()
    {
        var error = ParameterJson.OutOfRange("dropout", 0.55, new RealDimension("dropout", 0.1, 0.5, step: 0.1));
        Assert.Contains("'dropout'", error.Message);
        Assert.Contains("0.55", error.Message);
        Assert.Contains("[0.1, 0.5] step 0.1", error.Message);
    }

    [Fact]
    public void GetRealChecksTheDimension()
    {
        var dropout = new RealDimension("dropout", 0.1, 0.5, step: 0.1);
        Assert.Equal(0.3, ParameterJson.GetReal(Parse("""{"dropout": 0.3}"""), dropout));
        AssertJsonError(() => ParameterJson.GetReal(Parse("""{"dropout": 0.35}"""), dropout), "'dropout'", "0.35", "not an allowed value", "[0.1, 0.5] step 0.1");
        AssertJsonError(() => ParameterJson.GetReal(Parse("""{"dropout": 0.6}"""), dropout), "'dropout'", "0.6");
        AssertJsonError(() => ParameterJson.GetReal(Parse("""{"other": 0.3}"""), dropout), "'dropout'", "missing");
    }

    [Fact]
    public void GetSingleChecksKindAndDimension()
    {
        var rate = new RealDimension("rate", 0.1, 1.0, step: 0.1);
        Assert.Equal(0.7f, ParameterJson.GetSingle(Parse("""{"rate": 0.7}"""), rate));
        AssertJsonError(() => ParameterJson.GetSingle(Parse("""{"rate": 0.75}"""), rate), "'rate'", "not an allowed value");
        AssertJsonError(() => ParameterJson.GetSingle(Parse("""{"rate": 1e39}"""), "rate"), "'rate'", "a finite 32-bit number");
        AssertJsonError(() => ParameterJson.GetSingle(Parse("""{"rate": "0.7"}"""), "rate"), "'rate'", "a number");
    }

    [Fact]
    public void GetIntegerChecksTheDimension()
    {
        var layers = new IntegerDimension("layers", 1, 9, step: 2);
        Assert.Equal(5, ParameterJson.GetInteger(Parse("""{"layers": 5}"""), layers));
        AssertJsonError(() => ParameterJson.GetInteger(Parse("""{"layers": 4}"""), layers), "'layers'", "4", "not an allowed value", "[1, 9] step 2");
        AssertJsonError(() => ParameterJson.GetInteger(Parse("""{"layers": 11}"""), layers), "'layers'", "11");
        AssertJsonError(() => ParameterJson.GetInteger(Parse("""{"layers": 5.5}"""), layers), "'layers'", "an integer");
    }
}
