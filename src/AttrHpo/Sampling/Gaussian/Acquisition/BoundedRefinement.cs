using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace AttrHpo;

/// <summary>
/// Local refinement of an acquisition: bounded BFGS (MathNet's BfgsBMinimizer) over the free features in [0, 1], the other
/// features held fixed. Returns the best point any evaluation reached, so a run that stops early still helps.
/// </summary>
internal static class BoundedRefinement
{
    /// <summary>An acquisition to maximise: its value at a full feature vector, and its gradient with respect to every feature.</summary>
    public delegate double Acquisition(ReadOnlySpan<double> features, Span<double> gradient);

    /// <summary>Maximises <paramref name="acquisition"/> from <paramref name="start"/>; returns the best features reached and their value.</summary>
    /// <param name="acquisition">The function to maximise.</param>
    /// <param name="start">The starting features.</param>
    /// <param name="free">The features that move.</param>
    /// <param name="maxIterations">BFGS iterations.</param>
    /// <param name="lower">Lower bounds per feature; <see langword="null"/> for 0.</param>
    /// <param name="upper">Upper bounds per feature; <see langword="null"/> for 1.</param>
    public static (double[] Features, double Value) Maximise(
        Acquisition acquisition, double[] start, IReadOnlyList<int> free, int maxIterations, double[]? lower = null, double[]? upper = null)
    {
        var best = (double[])start.Clone();
        var bestValue = acquisition(start, new double[start.Length]);
        if (free.Count == 0)
        {
            return (best, bestValue);
        }

        var point = (double[])start.Clone();
        var gradient = new double[start.Length];
        var evaluations = 0;
        (double, Vector<double>) Objective(Vector<double> x)
        {
            if (++evaluations > 3 * maxIterations)
            {
                throw new EvaluationBudgetSpentException();
            }

            for (var k = 0; k < free.Count; k++)
            {
                point[free[k]] = x[k];
            }

            var value = acquisition(point, gradient);
            if (value > bestValue)
            {
                bestValue = value;
                point.CopyTo(best, 0);
            }

            var reduced = Vector<double>.Build.Dense(free.Count);
            for (var k = 0; k < free.Count; k++)
            {
                reduced[k] = double.IsFinite(gradient[free[k]]) ? -gradient[free[k]] : 0;
            }

            return (double.IsFinite(value) ? -value : 1e300, reduced);
        }

        var low = Vector<double>.Build.Dense(free.Count, k => lower?[free[k]] ?? 0.0);
        var high = Vector<double>.Build.Dense(free.Count, k => upper?[free[k]] ?? 1.0);
        var initial = Vector<double>.Build.Dense(free.Count, k => Math.Clamp(start[free[k]], low[k], high[k]));
        try
        {
            new BfgsBMinimizer(1e-7, 1e-7, 1e-9, maxIterations).FindMinimum(
                ObjectiveFunction.Gradient(Objective),
                low,
                high,
                initial);
        }
        catch (Exception error) when (error is OptimizationException or EvaluationBudgetSpentException or ArithmeticException or ArgumentException)
        {
            // Stopped early (iteration or evaluation limit, failed line search): the best point reached is kept above.
        }

        return (best, bestValue);
    }

    private sealed class EvaluationBudgetSpentException : Exception
    {
    }
}
