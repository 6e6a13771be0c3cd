namespace AttrHpo.Tests.Sampling.Gaussian;

public sealed class GpPosteriorTests
{
    private static GpPosterior Create(int count = 2, int dimensions = 1, double[]? inputs = null, double[]? scales = null, double signal = 1,
        double[]? alpha = null, double[]? lower = null, double prior = 0) =>
        new(count, dimensions, inputs ?? new double[count * dimensions], scales ?? [.. Enumerable.Repeat(0.5, dimensions)], signal,
            alpha ?? new double[count], lower ?? [1, 0, 0.5, 1], prior);

    [Fact]
    public void KeepsWhatItIsGiven()
    {
        var posterior = Create(inputs: [0.25, 0.75], alpha: [1, -1], prior: 0.5);
        Assert.Equal((2, 1, 0.5), (posterior.Count, posterior.Dimensions, posterior.PriorMean));
        Assert.Equal([0.25, 0.75], posterior.Inputs);
        Assert.Equal([1, 0, 0.5, 1], posterior.Lower);
    }

    [Fact]
    public void RefusesArraysOfTheWrongLengthNamingTheExpectedOne()
    {
        Assert.Contains("needs 2 (count * dimensions", Assert.Throws<ArgumentException>(() => Create(inputs: [0.5])).Message, StringComparison.Ordinal);
        Assert.Contains("needs 1 (dimensions)", Assert.Throws<ArgumentException>(() => Create(scales: [1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("needs 2 (count)", Assert.Throws<ArgumentException>(() => Create(alpha: [1])).Message, StringComparison.Ordinal);
        Assert.Contains("needs 4 (count * count", Assert.Throws<ArgumentException>(() => Create(lower: [1, 0, 1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesValuesNoPosteriorCanHave()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(count: 0, lower: [], alpha: []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(scales: [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(signal: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(prior: double.PositiveInfinity));
        Assert.Contains("more jitter", Assert.Throws<ArgumentException>(() => Create(lower: [1, 0, 0.5, 0])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Create(alpha: [1, double.NaN]));
    }
}
