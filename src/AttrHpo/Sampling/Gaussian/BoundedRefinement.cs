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
    public static (double[] Features, double Value) Maximise(Acquisition acquisition, double[] start, IReadOnlyList<int> free, int maxIterations)
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

        var initial = Vector<double>.Build.Dense(free.Count, k => Math.Clamp(start[free[k]], 0, 1));
        try
        {
            new BfgsBMinimizer(1e-7, 1e-7, 1e-9, maxIterations).FindMinimum(
                ObjectiveFunction.Gradient(Objective),
                Vector<double>.Build.Dense(free.Count, 0.0),
                Vector<double>.Build.Dense(free.Count, 1.0),
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
