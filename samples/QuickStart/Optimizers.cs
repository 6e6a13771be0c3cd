namespace QuickStart;

/// <summary>Creates optimisers by the names the study searches over.</summary>
public static class Optimizers
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "adam"];

    /// <summary>Creates an optimiser.</summary>
    /// <param name="name"><c>sgd</c>, <c>momentum</c> (heavy ball, 0.9) or <c>adam</c> (0.9, 0.999).</param>
    /// <param name="learningRate">The step size.</param>
    public static IOptimizer Create(string name, double learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        return name switch
        {
            "sgd" => new SgdOptimizer(learningRate),
            "momentum" => new MomentumOptimizer(learningRate, 0.9),
            "adam" => new AdamOptimizer(learningRate, 0.9, 0.999, 1e-8),
            _ => throw new ArgumentException($"Unknown optimiser '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
