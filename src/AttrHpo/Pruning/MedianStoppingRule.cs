namespace AttrHpo;

/// <summary>
/// The median-stopping rule (Golovin et al., "Google Vizier", 2017): a trial is stopped at a step when its best value so far
/// is worse than the median of the values other trials reported at that same step. Simple and hard to misconfigure.
/// </summary>
/// <remarks>
/// Thread-safe. Steps below <see cref="WarmupSteps"/> are never judged, nor a step at which fewer than
/// <see cref="StartupTrials"/> other trials have reported. A NaN value stops the trial (past the warm-up).
/// </remarks>
public sealed class MedianStoppingRule : IPruner
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<double>> _lossesAtStep = []; // each list kept sorted, so a median is two reads
    private readonly Dictionary<int, (long Step, double BestLoss)> _trials = [];
    private readonly HashSet<int> _stopped = [];

    /// <summary>Creates the rule.</summary>
    /// <param name="direction">Whether smaller or larger reported values are better.</param>
    /// <param name="startupTrials">How many other trials must have reported at a step before a trial is judged there; 1 or more.</param>
    /// <param name="warmupSteps">Steps below this are never judged; 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range; the message says which.</exception>
    public MedianStoppingRule(Direction direction, int startupTrials = 5, long warmupSteps = 0)
    {
        if (startupTrials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(startupTrials), startupTrials, "A median needs other trials: give 1 or more startup trials (5 is usual).");
        }

        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "Warm-up steps are never judged: give 0 or more.");
        }

        Direction = direction;
        StartupTrials = startupTrials;
        WarmupSteps = warmupSteps;
    }

    /// <summary>Whether smaller or larger reported values are better.</summary>
    public Direction Direction { get; }

    /// <summary>How many other trials must have reported at a step before a trial is judged there.</summary>
    public int StartupTrials { get; }

    /// <summary>Steps below this are never judged.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc />
    public bool Report(int trial, long atStep, double value)
    {
        lock (_gate)
        {
            if (_stopped.Contains(trial))
            {
                return true;
            }

            if (_trials.TryGetValue(trial, out var seen) && atStep <= seen.Step)
            {
                return false; // told again (a resumed study replays reports): already taken in
            }

            if (double.IsNaN(value))
            {
                if (atStep < WarmupSteps)
                {
                    return false;
                }

                _stopped.Add(trial);
                return true;
            }

            var loss = Direction == Direction.Minimize ? value : -value;
            var best = _trials.TryGetValue(trial, out var previous) ? Math.Min(previous.BestLoss, loss) : loss;
            _trials[trial] = (atStep, best);
            if (!_lossesAtStep.TryGetValue(atStep, out var others))
            {
                _lossesAtStep.Add(atStep, others = []);
            }

            var stop = atStep >= WarmupSteps && others.Count >= StartupTrials && best > Median(others);
            var at = others.BinarySearch(loss);
            others.Insert(at >= 0 ? at : ~at, loss);
            if (stop)
            {
                _stopped.Add(trial);
            }

            return stop;
        }
    }

    /// <summary>The median of a sorted list.</summary>
    /// <inheritdoc />
    /// <remarks>Each report's value joins the values at its step, as <see cref="Report"/> does, but is never compared with the median.</remarks>
    public void Restore(int trial, IReadOnlyList<IntermediateValue> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        lock (_gate)
        {
            foreach (var report in reports)
            {
                if (double.IsNaN(report.Value))
                {
                    return;
                }

                var known = _trials.TryGetValue(trial, out var seen);
                if (known && report.Step <= seen.Step)
                {
                    continue; // taken in already
                }

                var loss = Direction == Direction.Minimize ? report.Value : -report.Value;
                _trials[trial] = (report.Step, known ? Math.Min(seen.BestLoss, loss) : loss);
                if (!_lossesAtStep.TryGetValue(report.Step, out var others))
                {
                    _lossesAtStep.Add(report.Step, others = []);
                }

                var at = others.BinarySearch(loss);
                others.Insert(at >= 0 ? at : ~at, loss);
            }
        }
    }

    private static double Median(List<double> sorted)
    {
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
