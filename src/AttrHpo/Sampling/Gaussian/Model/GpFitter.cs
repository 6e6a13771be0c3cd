using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace AttrHpo;

/// <summary>
/// Fits the kernel hyperparameters by maximum likelihood (or maximum a posteriori with <see cref="GpPrior"/>): bounded BFGS
/// (MathNet's BfgsBMinimizer) on the analytic gradient over the log hyperparameters, from the warm starts given, a default
/// start, and seeded random starts within the bounds. Keeps the best point any run evaluated, so an optimizer run that
/// stops early (line-search failure, iteration limit) still contributes.
/// </summary>
internal sealed class GpFitter
{
    /// <summary>Creates a fitter.</summary>
    /// <param name="bounds">Bounds on the hyperparameters.</param>
    /// <param name="maximumAPosteriori">Add <see cref="GpPrior"/>'s log density to the log likelihood.</param>
    /// <param name="randomStarts">Random starts beside the warm and default ones.</param>
    /// <param name="maxIterations">BFGS iterations per start.</param>
    public GpFitter(GpFitBounds bounds, bool maximumAPosteriori, int randomStarts, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentOutOfRangeException.ThrowIfNegative(randomStarts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        Bounds = bounds;
        MaximumAPosteriori = maximumAPosteriori;
        RandomStarts = randomStarts;
        MaxIterations = maxIterations;
    }

    public GpFitBounds Bounds { get; }

    public bool MaximumAPosteriori { get; }

    public int RandomStarts { get; }

    public int MaxIterations { get; }

    /// <summary>Fits the hyperparameters and returns the process conditioned with the best of them.</summary>
    /// <param name="inputs">n points, row-major.</param>
    /// <param name="dimensions">Input dimensions.</param>
    /// <param name="targets">n targets.</param>
    /// <param name="priorMean">The constant prior mean.</param>
    /// <param name="warmStarts">Earlier fits to start from (clamped into the bounds).</param>
    /// <param name="random">The source of the random starts.</param>
    /// <exception cref="GpNumericalException">No start gave a usable covariance matrix.</exception>
    public GaussianProcess Fit(double[] inputs, int dimensions, double[] targets, double priorMean, IEnumerable<GpHyperparameters> warmStarts, Random random)
    {
        ArgumentNullException.ThrowIfNull(warmStarts);
        ArgumentNullException.ThrowIfNull(random);
        var (lower, upper) = Bounds.ToLog(dimensions);

        // The starts are drawn first, in order, then run in parallel: each run keeps its own best, and the runs are combined
        // in start order taking a strictly better value only, which is the point a sequential loop would keep. The result
        // does not depend on how many cores run the starts.
        var starts = Starts(dimensions, lower, upper, warmStarts, random).ToArray();
        var runs = new (double Value, double[] Point)[starts.Length];
        Parallel.For(0, starts.Length, s => runs[s] = Run(inputs, dimensions, targets, priorMean, lower, upper, starts[s]));
        var best = new double[lower.Length];
        var bestValue = double.PositiveInfinity;
        foreach (var (value, point) in runs)
        {
            if (value < bestValue)
            {
                bestValue = value;
                best = point;
            }
        }

        if (double.IsPositiveInfinity(bestValue))
        {
            throw new GpNumericalException(
                $"Fitting the GP to {targets.Length} observations failed from every start: no hyperparameters within the bounds gave a usable covariance matrix. " +
                "Check that the observations' values are finite and not all identical points.");
        }

        return new GaussianProcess(inputs, dimensions, targets, GpHyperparameters.FromLog(best), priorMean);
    }

    /// <summary>One bounded BFGS run from <paramref name="start"/>: the lowest negative log likelihood (or posterior) it evaluated, and where.</summary>
    private (double Value, double[] Point) Run(double[] inputs, int dimensions, double[] targets, double priorMean, double[] lower, double[] upper, double[] start)
    {
        var best = new double[lower.Length];
        var bestValue = double.PositiveInfinity;
        var evaluations = 0;
        var evaluationBudget = 3 * MaxIterations;
        // Made at the first evaluation, so that bad data (a target that is not finite) stops the run inside the optimizer as
        // building a GaussianProcess there did, and every start failing gives the fit's clear GpNumericalException.
        GpLikelihoodWorkspace? workspace = null;
        (double, Vector<double>) Objective(Vector<double> point)
        {
            if (++evaluations > evaluationBudget)
            {
                throw new EvaluationBudgetSpentException();
            }

            var theta = point.ToArray();
            var gradient = new double[theta.Length];
            double value;
            try
            {
                workspace ??= new GpLikelihoodWorkspace(inputs, dimensions, targets, priorMean);
                value = workspace.Evaluate(theta, gradient);
                if (MaximumAPosteriori)
                {
                    value += GpPrior.AddLogDensity(theta, gradient);
                }
            }
            catch (GpNumericalException)
            {
                return (1e300, Vector<double>.Build.Dense(theta.Length));
            }

            if (-value < bestValue && double.IsFinite(value))
            {
                bestValue = -value;
                theta.CopyTo(best, 0);
            }

            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] = -gradient[i];
            }

            return (-value, Vector<double>.Build.Dense(gradient));
        }

        var minimizer = new BfgsBMinimizer(1e-5, 1e-9, 1e-10, MaxIterations);
        try
        {
            minimizer.FindMinimum(
                ObjectiveFunction.Gradient(Objective),
                Vector<double>.Build.Dense(lower),
                Vector<double>.Build.Dense(upper),
                Vector<double>.Build.Dense(start));
        }
        catch (Exception error) when (error is OptimizationException or EvaluationBudgetSpentException or ArithmeticException or ArgumentException)
        {
            // The run stopped early (iteration or evaluation limit, failed line search): the best point it reached is kept above.
        }

        return (bestValue, best);
    }

    private IEnumerable<double[]> Starts(int dimensions, double[] lower, double[] upper, IEnumerable<GpHyperparameters> warmStarts, Random random)
    {
        foreach (var warm in warmStarts)
        {
            if (warm.LengthScales.Length == dimensions)
            {
                yield return Clamp(warm.ToLog(), lower, upper);
            }
        }

        var initial = new double[dimensions + 2];
        for (var j = 0; j < dimensions; j++)
        {
            initial[j] = Math.Log(0.5 * Math.Sqrt(dimensions));
        }

        initial[dimensions] = 0;
        initial[dimensions + 1] = Math.Log(1e-3);
        yield return Clamp(initial, lower, upper);
        for (var s = 0; s < RandomStarts; s++)
        {
            var start = new double[lower.Length];
            for (var i = 0; i < start.Length; i++)
            {
                start[i] = lower[i] + (random.NextDouble() * (upper[i] - lower[i]));
            }

            yield return start;
        }
    }

    private static double[] Clamp(double[] theta, double[] lower, double[] upper)
    {
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] = Math.Clamp(theta[i], lower[i], upper[i]);
        }

        return theta;
    }

    /// <summary>Stops a run whose line searches spend more than three evaluations per allowed iteration.</summary>
    private sealed class EvaluationBudgetSpentException : Exception
    {
    }
}

