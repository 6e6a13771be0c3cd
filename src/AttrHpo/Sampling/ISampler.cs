namespace AttrHpo;

/// <summary>
/// Proposes the next point of the unit cube to evaluate. A sampler is deterministic: the same context gives
/// the same point, so a study with a fixed seed runs the same trials however many run at once.
/// </summary>
/// <remarks>
/// A study asks its sampler for one suggestion (or one batch) at a time, across every worker and process that shares its
/// storage, and each suggestion sees every trial that got its parameters before it and is still running as pending. So a
/// sampler must never wait for other trials of its study to start: they wait for it.
/// </remarks>
public interface ISampler
{
    /// <summary>Proposes a point for a new trial.</summary>
    /// <param name="context">The search space, the trial's number and seed, and the study's history.</param>
    /// <returns>One coordinate in [0, 1] per dimension of the space.</returns>
    double[] Suggest(SamplingContext context);

    /// <summary>
    /// Proposes points for several new trials at once, when several workers are free together. The default asks
    /// <see cref="Suggest"/> for each trial in turn, the points chosen before it added to the pending ones: for a greedy batch
    /// acquisition such as <see cref="GpSampler"/>'s batch expected improvement, that is the joint batch.
    /// </summary>
    /// <param name="context">The search space, seed and history the batch shares; its <see cref="SamplingContext.TrialNumber"/> is the first trial's.</param>
    /// <param name="trialNumbers">The trials' numbers, the first being the context's.</param>
    /// <returns>One point per trial, in the order of <paramref name="trialNumbers"/>.</returns>
    IReadOnlyList<double[]> SuggestBatch(SamplingContext context, IReadOnlyList<int> trialNumbers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trialNumbers);
        var points = new double[trialNumbers.Count][];
        var pending = new List<IReadOnlyList<double>>(context.Pending);
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = Suggest(context.ForTrial(trialNumbers[i], pending));
            pending.Add(points[i]);
        }

        return points;
    }
}
