namespace AttrHpo;

/// <summary>
/// The stop-or-continue form of asynchronous successive halving (Li et al., MLSys 2020), as Optuna's
/// <c>SuccessiveHalvingPruner</c> decides it: rung <c>k</c> is reached at step
/// <c>MinResource * ReductionFactor^(MinEarlyStoppingRate + k)</c>. When a trial reports at or past the step of its next rung,
/// its value is recorded at that rung and the trial goes on only if the value ranks within the best
/// <c>max(1, floor(n / ReductionFactor))</c> of the <c>n</c> values recorded at that rung so far, itself included (ties count
/// in its favour); a trial that goes on is checked against the following rungs in the same report while the step allows.
/// A NaN value stops the trial.
/// </summary>
/// <remarks>
/// Thread-safe. Each decision costs O(r log n) for r rungs crossed and n values at a rung. The rule keeps what it was told in
/// memory: a study run again tells it the reports of earlier trials first.
/// </remarks>
public sealed class SuccessiveHalvingRule : IPruner
{
    private readonly Lock _gate = new();
    private readonly List<RungValues> _rungs = [];
    private readonly Dictionary<int, int> _nextRung = [];
    private readonly HashSet<int> _stopped = [];

    /// <summary>Creates the rule.</summary>
    /// <param name="direction">Whether smaller or larger reported values are better.</param>
    /// <param name="minResource">The step of the lowest rung (with <paramref name="minEarlyStoppingRate"/> 0); at least 1.</param>
    /// <param name="reductionFactor">One trial in this many goes on at each rung; at least 2.</param>
    /// <param name="minEarlyStoppingRate">Rungs skipped at the bottom: the first decision is at <c>minResource * reductionFactor^rate</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range; the message says which.</exception>
    public SuccessiveHalvingRule(Direction direction, long minResource = 1, int reductionFactor = 3, int minEarlyStoppingRate = 0)
    {
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Direction must be Minimize or Maximize.");
        }

        HalvingArguments.MinResource(minResource);
        HalvingArguments.ReductionFactor(reductionFactor);

        HalvingArguments.MinEarlyStoppingRate(minEarlyStoppingRate);

        Direction = direction;
        MinResource = minResource;
        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
    }

    /// <summary>Whether smaller or larger reported values are better.</summary>
    public Direction Direction { get; }

    /// <summary>The step of the lowest rung when <see cref="MinEarlyStoppingRate"/> is 0.</summary>
    public long MinResource { get; }

    /// <summary>One trial in this many goes on at each rung.</summary>
    public int ReductionFactor { get; }

    /// <summary>Rungs skipped at the bottom.</summary>
    public int MinEarlyStoppingRate { get; }

    /// <summary>The step at which rung <paramref name="rung"/> is reached; <see cref="long.MaxValue"/> past what a step can be.</summary>
    /// <param name="rung">The rung, from 0.</param>
    public long RungStep(int rung)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rung);
        var step = (Int128)MinResource;
        for (var i = 0; i < MinEarlyStoppingRate + rung; i++)
        {
            step *= ReductionFactor;
            if (step >= long.MaxValue)
            {
                return long.MaxValue;
            }
        }

        return (long)step;
    }

    /// <summary>
    /// Records trial <paramref name="trial"/>'s value at <paramref name="atStep"/> at every rung the step reaches that the trial has
    /// not passed yet, and says whether the trial should stop now. A trial told to stop stays stopped.
    /// </summary>
    /// <param name="trial">The trial's number.</param>
    /// <param name="atStep">The step the value belongs to.</param>
    /// <param name="value">The reported value.</param>
    /// <returns>Whether the trial should stop (be pruned).</returns>
    public bool Report(int trial, long atStep, double value)
    {
        lock (_gate)
        {
            if (_stopped.Contains(trial))
            {
                return true;
            }

            var rung = _nextRung.GetValueOrDefault(trial);
            while (atStep >= RungStep(rung))
            {
                if (double.IsNaN(value))
                {
                    _stopped.Add(trial);
                    return true;
                }

                while (_rungs.Count <= rung)
                {
                    _rungs.Add(new RungValues(ReductionFactor));
                }

                var loss = Direction == Direction.Minimize ? value : -value;
                rung++;
                _nextRung[trial] = rung;
                if (!_rungs[rung - 1].AddAndRank(loss))
                {
                    _stopped.Add(trial);
                    return true;
                }
            }

            return false;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each report's value is recorded at every rung its step reaches that the trial had not passed, as <see cref="Report"/>
    /// does, but never ranked: a trial that ran past a rung contributes there, whatever a rule rebuilt in another order would
    /// say of it. A NaN report ends what is recorded of the trial.
    /// </remarks>
    public void Restore(int trial, IReadOnlyList<IntermediateValue> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        lock (_gate)
        {
            var rung = _nextRung.GetValueOrDefault(trial);
            foreach (var report in reports)
            {
                while (report.Step >= RungStep(rung))
                {
                    if (double.IsNaN(report.Value))
                    {
                        _nextRung[trial] = rung;
                        return;
                    }

                    while (_rungs.Count <= rung)
                    {
                        _rungs.Add(new RungValues(ReductionFactor));
                    }

                    _rungs[rung].AddAndRank(Direction == Direction.Minimize ? report.Value : -report.Value);
                    rung++;
                }
            }

            _nextRung[trial] = rung;
        }
    }

    /// <summary>How many values rung <paramref name="rung"/> holds.</summary>
    /// <param name="rung">The rung, from 0.</param>
    public int CountAt(int rung)
    {
        lock (_gate)
        {
            return rung < _rungs.Count ? _rungs[rung].Count : 0;
        }
    }
}
