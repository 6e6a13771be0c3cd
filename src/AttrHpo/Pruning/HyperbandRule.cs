namespace AttrHpo;

/// <summary>
/// Hyperband (Li et al., JMLR 2018) in the stop-or-continue form of asynchronous successive halving: brackets
/// <c>s = 0 .. sMax</c>, <c>sMax = floor(log_eta(maxResource / minResource))</c>, where bracket <c>s</c> is a
/// <see cref="SuccessiveHalvingRule"/> whose first decision is at <c>minResource * eta^s</c> (bracket 0 is the most aggressive,
/// bracket <c>sMax</c> stops almost nothing). Each trial belongs to one bracket and is ranked only against its bracket.
/// </summary>
/// <remarks>
/// Trials are assigned to brackets in proportion to Hyperband's bracket sizes <c>n_s = ceil((sMax + 1) / (sMax - s + 1) * eta^(sMax - s))</c>,
/// by a hash of the trial number (deterministic, independent of timing and of how many processes run the study).
/// </remarks>
public sealed class HyperbandRule : IPruner
{
    private readonly SuccessiveHalvingRule[] _brackets;
    private readonly HyperbandBrackets _assignment;

    /// <summary>Creates the rule.</summary>
    /// <param name="direction">Whether smaller or larger reported values are better.</param>
    /// <param name="minResource">The smallest step at which a trial may be stopped; at least 1.</param>
    /// <param name="maxResource">The full budget, more than <paramref name="minResource"/>.</param>
    /// <param name="reductionFactor">One trial in this many goes on at each rung; at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range; the message says which.</exception>
    public HyperbandRule(Direction direction, long minResource, long maxResource, int reductionFactor = 3)
    {
        HalvingArguments.MinResource(minResource);

        if (maxResource <= minResource)
        {
            throw new ArgumentOutOfRangeException(nameof(maxResource), maxResource, $"The maximum resource is a trial's full budget: give more than the minimum ({minResource}).");
        }

        HalvingArguments.ReductionFactor(reductionFactor);

        _assignment = new HyperbandBrackets(HyperbandBrackets.CountFor(minResource, maxResource, reductionFactor), reductionFactor);
        _brackets = new SuccessiveHalvingRule[_assignment.Count];
        for (var s = 0; s < _brackets.Length; s++)
        {
            _brackets[s] = new SuccessiveHalvingRule(direction, minResource, reductionFactor, minEarlyStoppingRate: s);
        }

        Direction = direction;
        MinResource = minResource;
        MaxResource = maxResource;
        ReductionFactor = reductionFactor;
    }

    /// <summary>Whether smaller or larger reported values are better.</summary>
    public Direction Direction { get; }

    /// <summary>The smallest step at which a trial may be stopped.</summary>
    public long MinResource { get; }

    /// <summary>The full budget.</summary>
    public long MaxResource { get; }

    /// <summary>One trial in this many goes on at each rung.</summary>
    public int ReductionFactor { get; }

    /// <summary>How many brackets the rule runs.</summary>
    public int BracketCount => _brackets.Length;

    /// <summary>The bracket trial <paramref name="trial"/> belongs to, from 0 (the most aggressive).</summary>
    /// <param name="trial">The trial's number.</param>
    public int BracketOf(int trial) => _assignment.Of(trial);

    /// <summary>The successive-halving rule of one bracket.</summary>
    /// <param name="bracket">The bracket, from 0.</param>
    public SuccessiveHalvingRule Bracket(int bracket) => _brackets[bracket];

    /// <inheritdoc />
    public bool Report(int trial, long atStep, double value) => _brackets[BracketOf(trial)].Report(trial, atStep, value);

    /// <inheritdoc />
    public void Restore(int trial, IReadOnlyList<IntermediateValue> reports) => _brackets[BracketOf(trial)].Restore(trial, reports);
}
