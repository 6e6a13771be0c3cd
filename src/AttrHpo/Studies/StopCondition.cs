namespace AttrHpo;

/// <summary>
/// When a study stops: after this call has finished a number of trials (<see cref="MoreTrials"/>), once the study holds a
/// number of trials in all (<see cref="TotalTrials"/>), after a wall time, once a target value is reached, or after a number
/// of complete trials without improvement. Combine them with <see cref="Or"/> (or <c>|</c>): the study stops at the first that holds.
/// </summary>
public abstract record StopCondition
{
    private protected StopCondition()
    {
    }

    /// <summary>
    /// Stop once this call has finished <paramref name="count"/> more trials, whatever the study held before. A trial counts
    /// when this call recorded it complete, failed or pruned (a trial retried under <see cref="StudyOptions.Retry"/> counts
    /// once); a trial cancelled by its objective, or whose result could not be recorded because its lease ran out, does not
    /// count, and another is run in its place. Trials of earlier runs and of other processes sharing the storage never count;
    /// waiting trials (enqueued, or left by a worker that died) that this call runs do.
    /// </summary>
    /// <param name="count">How many trials this call is to finish (at least 1).</param>
    public static StopCondition MoreTrials(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new MoreTrialCount(count);
    }

    /// <summary>
    /// Stop once the study holds <paramref name="count"/> trials in all: trials of earlier runs and of every process sharing
    /// the storage count (running and waiting ones included; cancelled ones do not, as they are run again). A study that
    /// already holds that many starts none. Once the total is reached, the call waits for trials still running under other
    /// workers' leases, and runs those whose worker died, so that the total is finished when it returns.
    /// </summary>
    /// <param name="count">The study's total number of trials (at least 1).</param>
    public static StopCondition TotalTrials(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new TotalTrialCount(count);
    }

    /// <summary>Replaced: it read as either the study's total or this call's count.</summary>
    /// <param name="count">The number of trials.</param>
    [Obsolete(
        "StopCondition.Trials(n) was ambiguous. Use StopCondition.MoreTrials(n) to finish n more trials in this call, " +
        "or StopCondition.TotalTrials(n) to stop once the study holds n trials in all.",
        error: true)]
    public static StopCondition Trials(int count) => TotalTrials(count);

    /// <summary>Stop starting trials once this call has run for <paramref name="limit"/>; running trials finish.</summary>
    /// <param name="limit">The wall time (positive).</param>
    public static StopCondition WallTime(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        return new WallTimeLimit(limit);
    }

    /// <summary>Stop once a complete trial's value is at least as good as <paramref name="value"/> (at most it when minimising, at least it when maximising).</summary>
    /// <param name="value">The target value.</param>
    public static StopCondition TargetValue(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The target value must be a finite number.");
        }

        return new Target(value);
    }

    /// <summary>Stop once <paramref name="trials"/> complete trials in a row have not improved on the best value.</summary>
    /// <param name="trials">How many complete trials without improvement (at least 1).</param>
    public static StopCondition NoImprovement(int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        return new Plateau(trials);
    }

    /// <summary>Stops at the first of two conditions.</summary>
    /// <param name="left">One condition.</param>
    /// <param name="right">The other.</param>
    public static StopCondition operator |(StopCondition left, StopCondition right) => Either(left, right);

    /// <summary>Stops at the first of this condition and <paramref name="other"/>.</summary>
    /// <param name="other">The other condition.</param>
    public StopCondition Or(StopCondition other) => Either(this, other);

    /// <summary>The study's total number of trials this condition sets (storage enforces it), or <see cref="int.MaxValue"/> when it sets none.</summary>
    internal virtual int TotalBudget => int.MaxValue;

    /// <summary>How many trials this call is to finish, or <see cref="int.MaxValue"/> when the condition sets no such count.</summary>
    internal virtual int CallBudget => int.MaxValue;

    /// <summary>How many trials this call is to finish, given the trials the study counts already; <see langword="null"/> without a trial budget.</summary>
    /// <param name="counted">The study's trials that count toward <see cref="TotalBudget"/> (every state but cancelled).</param>
    internal int? PlannedTrials(int counted)
    {
        var total = TotalBudget == int.MaxValue ? int.MaxValue : Math.Max(TotalBudget - counted, 0);
        var planned = Math.Min(total, CallBudget);
        return planned == int.MaxValue ? null : planned;
    }

    /// <summary>The wall time after which this condition holds, or <see langword="null"/> when it sets none.</summary>
    internal virtual TimeSpan? TimeLimit => null;

    /// <summary>Whether the study should start no more trials.</summary>
    internal abstract bool Holds(StopState state);

    private static Any Either(StopCondition left, StopCondition right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Any(left, right);
    }

    private sealed record TotalTrialCount(int Count) : StopCondition
    {
        internal override int TotalBudget => Count;

        internal override bool Holds(StopState state) => false; // storage enforces the total when it starts trials
    }

    private sealed record MoreTrialCount(int Count) : StopCondition
    {
        internal override int CallBudget => Count;

        internal override bool Holds(StopState state) => false; // the call's workers take a place before starting each trial
    }

    private sealed record WallTimeLimit(TimeSpan Limit) : StopCondition
    {
        internal override TimeSpan? TimeLimit => Limit;

        internal override bool Holds(StopState state) => state.Elapsed >= Limit;
    }

    private sealed record Target(double Value) : StopCondition
    {
        internal override bool Holds(StopState state) => state.BestLoss is { } best && best <= state.ToLoss(Value);
    }

    private sealed record Plateau(int Patience) : StopCondition
    {
        internal override bool Holds(StopState state) => state.CompleteSinceBest >= Patience;
    }

    private sealed record Any(StopCondition Left, StopCondition Right) : StopCondition
    {
        internal override int TotalBudget => Math.Min(Left.TotalBudget, Right.TotalBudget);

        internal override int CallBudget => Math.Min(Left.CallBudget, Right.CallBudget);

        internal override TimeSpan? TimeLimit =>
            Left.TimeLimit is { } left && Right.TimeLimit is { } right ? (left < right ? left : right) : Left.TimeLimit ?? Right.TimeLimit;

        internal override bool Holds(StopState state) => Left.Holds(state) || Right.Holds(state);
    }
}

/// <summary>What stop conditions look at. Losses are values negated for maximised objectives, so smaller is better.</summary>
/// <param name="Elapsed">How long this call has run.</param>
/// <param name="BestLoss">The best loss of the study's complete trials, if any.</param>
/// <param name="CompleteSinceBest">Complete trials seen after the one with the best loss, in the order this process saw them complete.</param>
/// <param name="Direction">The study's direction.</param>
internal sealed record StopState(TimeSpan Elapsed, double? BestLoss, int CompleteSinceBest, Direction Direction)
{
    public double ToLoss(double value) => Direction == Direction.Minimize ? value : -value;
}
