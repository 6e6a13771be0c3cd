using AttrHpo.Tool.Hunt;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>Oríon's priors as <c>attrhpo hunt</c> reads them: every kind, numbers in every form, quoted choices, and the messages of malformed ones.</summary>
public sealed class PriorParserTests
{
    [Fact]
    public void UniformAndLogUniformAreRealRanges()
    {
        var uniform = Assert.IsType<RealDimension>(PriorParser.Parse("x", "uniform(-2.5, 3)").Dimension);
        var named = Assert.IsType<RealDimension>(PriorParser.Parse("x", "uniform(low=-2.5, high=+3)").Dimension);
        var log = Assert.IsType<RealDimension>(PriorParser.Parse("lr", " loguniform( 1e-5 ,1 ) ").Dimension);

        Assert.Equal((-2.5, 3.0, false), (uniform.Low, uniform.High, uniform.Log));
        Assert.Equal((-2.5, 3.0, false), (named.Low, named.High, named.Log));
        Assert.Equal((1e-5, 1.0, true), (log.Low, log.High, log.Log));
        Assert.Equal("lr", log.Name);
    }

    [Theory]
    [InlineData("1e-5", 1e-5)]
    [InlineData("1E-05", 1e-5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-3", -3.0)]
    [InlineData("+2.25", 2.25)]
    [InlineData("0.000125", 0.000125)]
    [InlineData("1e3", 1000.0)]
    [InlineData("7", 7.0)]
    public void NumbersAreReadInEveryForm(string text, double expected)
    {
        var dimension = Assert.IsType<RealDimension>(PriorParser.Parse("x", $"uniform({text}, 10000)").Dimension);

        Assert.Equal(expected, dimension.Low);
    }

    [Fact]
    public void DiscreteRangesAndIntAreIntegerRanges()
    {
        var discrete = Assert.IsType<IntegerDimension>(PriorParser.Parse("n", "uniform(1, 8, discrete=True)").Dimension);
        var logDiscrete = Assert.IsType<IntegerDimension>(PriorParser.Parse("n", "loguniform(1, 1024, discrete=true)").Dimension);
        var integer = Assert.IsType<IntegerDimension>(PriorParser.Parse("n", "int(1, 8)").Dimension);
        var logInteger = Assert.IsType<IntegerDimension>(PriorParser.Parse("n", "int(2, 64, log=True)").Dimension);
        var notDiscrete = PriorParser.Parse("n", "uniform(1, 8, discrete=False)").Dimension;

        Assert.Equal((1L, 8L, false), (discrete.Low, discrete.High, discrete.Log));
        Assert.Equal((1L, 1024L, true), (logDiscrete.Low, logDiscrete.High, logDiscrete.Log));
        Assert.Equal((1L, 8L, false), (integer.Low, integer.High, integer.Log));
        Assert.Equal((2L, 64L, true), (logInteger.Low, logInteger.High, logInteger.Log));
        Assert.IsType<RealDimension>(notDiscrete);
    }

    [Theory]
    [InlineData("choices(relu, tanh)", new[] { "relu", "tanh" })]
    [InlineData("choice(relu,tanh)", new[] { "relu", "tanh" })]
    [InlineData("choices(['relu', \"tanh\"])", new[] { "relu", "tanh" })]
    [InlineData("choices([relu, tanh, sigmoid])", new[] { "relu", "tanh", "sigmoid" })]
    [InlineData("choices(16, 32, 64)", new[] { "16", "32", "64" })]
    [InlineData("choices(1.0, 2, 'three')", new[] { "1.0", "2", "three" })]
    [InlineData("choices('a,b', \"c d\", 'x=1', \" padded \")", new[] { "a,b", "c d", "x=1", " padded " })]
    [InlineData("choices(adam)", new[] { "adam" })]
    public void ChoicesKeepTheirValuesAsWritten(string text, string[] labels)
    {
        var choice = Assert.IsType<CategoricalDimension>(PriorParser.Parse("c", text).Dimension);

        Assert.Equal(labels, choice.Labels);
    }

    [Fact]
    public void AFidelityIsABudgetAndNotADimension()
    {
        var fidelity = PriorParser.Parse("epochs", "fidelity(1, 27, base=3)");
        var byDefault = PriorParser.Parse("epochs", "fidelity(low=2, high=10)");

        Assert.Null(fidelity.Dimension);
        Assert.Equal(new BudgetRange("epochs", 1, 27), fidelity.Fidelity);
        Assert.Equal(3, fidelity.Base);
        Assert.Equal(new BudgetRange("epochs", 2, 10), byDefault.Fidelity);
        Assert.Equal(2, byDefault.Base);
    }

    [Theory]
    [InlineData("loguniform(0, 1)", "low must be > 0 for a log scale (loguniform), but it is 0")]
    [InlineData("int(0, 8, log=True)", "low must be > 0")]
    [InlineData("uniform(1, 1)", "low must be smaller than high")]
    [InlineData("uniform(3, -1)", "low must be smaller than high")]
    [InlineData("uniform(1)", "uniform needs its high")]
    [InlineData("uniform(a, 1)", "uniform's low 'a' is not a finite number")]
    [InlineData("uniform(0, inf)", "uniform's high 'inf' is not a finite number")]
    [InlineData("uniform(0, 1e400)", "is not a finite number")]
    [InlineData("uniform(0, 1, discrete=maybe)", "discrete must be True or False, not 'maybe'")]
    [InlineData("uniform(0, 1, precision=4)", "uniform has no argument 'precision'; it takes low, high, discrete")]
    [InlineData("uniform(0, 1, True, 3)", "uniform takes at most 3 values")]
    [InlineData("uniform(0, 1, low=0)", "low is given twice, by position and by name")]
    [InlineData("uniform(high=1, 0)", "comes after a named one")]
    [InlineData("uniform(0,, 1)", "an argument is empty")]
    [InlineData("int(1.5, 8)", "int's low must be a whole number here, but it is 1.5")]
    [InlineData("uniform(0.5, 8, discrete=True)", "must be a whole number")]
    [InlineData("normal(0, 1)", "'normal' is not a prior this tool knows")]
    [InlineData("loguniform(1e-5, 1", "is not a prior")]
    [InlineData("0.5", "is not a prior")]
    [InlineData("choices(a, a)", "the choice 'a' is listed twice")]
    [InlineData("choices()", "at least one value")]
    [InlineData("choices([])", "at least one value")]
    [InlineData("choices({'a': 0.8, 'b': 0.2})", "probabilities")]
    [InlineData("choices('a, b', c)", "cannot be stored")]
    [InlineData("choices('a, c)", "unclosed quote")]
    [InlineData("choices([a, c)", "unclosed bracket")]
    [InlineData("choices(k=a)", "choices takes only its values")]
    [InlineData("fidelity(0, 10)", "fidelity needs 1 <= low < high")]
    [InlineData("fidelity(5, 5)", "fidelity needs 1 <= low < high")]
    [InlineData("fidelity(1, 10, base=1)", "reduction factor")]
    [InlineData("fidelity(1.5, 10)", "must be a whole number")]
    public void MalformedPriorsSayWhatIsWrong(string text, string message)
    {
        var exception = Assert.Throws<PriorException>(() => PriorParser.Parse("x", text));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}
