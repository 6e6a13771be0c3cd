using AttrHpo;

namespace AttrHpo.Benchmarks;

/// <summary>An objective that does nothing, so that a study's time is the study loop's own cost.</summary>
public static partial class NoOp
{
    /// <summary>Four real hyperparameters, and no work.</summary>
    [Objective]
    public static double Evaluate(
        [Hyperparameter(0.0, 1.0)] double a,
        [Hyperparameter(-5.0, 5.0)] double b,
        [Hyperparameter(1e-5, 1.0, Log = true)] double c,
        [Hyperparameter(0.0, 10.0)] double d) => a + b + c + d;
}
