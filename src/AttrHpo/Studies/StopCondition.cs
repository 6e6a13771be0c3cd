namespace AttrHpo;

/// <summary>
/// When a study stops: after a number of trials, after a wall time, once a target value is reached, or after a number of
/// complete trials without improvement. Combine them with <see cref="Or"/> (or <c>|</c>): the study stops at the first that holds.
/// </summary>
public abstract record StopCondition
{
    private protected StopCondition()
    {
    }

    /// <summary>Stop when the study holds <paramref name="count"/> trials (earlier runs' and other processes' included; cancelled ones not).</summary>
    /// <param name="count">The study's total number of trials (at least 1).</param>
    public static StopCondition Trials(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new TrialCount(count);
    }

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

    /// <summary>The trial budget this condition sets, or <see cref="int.MaxValue"/> when it sets none.</summary>
    internal abstract int Budget { get; }

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

    private sealed record TrialCount(int Count) : StopCondition
    {
        internal override int Budget => Count;

        internal override bool Holds(StopState state) => false; // storage enforces the budget when it starts trials
    }

    private sealed record WallTimeLimit(TimeSpan Limit) : StopCondition
    {
        internal override int Budget => int.MaxValue;

        internal override TimeSpan? TimeLimit => Limit;

        internal override bool Holds(StopState state) => state.Elapsed >= Limit;
    }

    private sealed record Target(double Value) : StopCondition
    {
        internal override int Budget => int.MaxValue;

        internal override bool Holds(StopState state) => state.BestLoss is { } best && best <= state.ToLoss(Value);
    }

    private sealed record Plateau(int Patience) : StopCondition
    {
        internal override int Budget => int.MaxValue;

        internal override bool Holds(StopState state) => state.CompleteSinceBest >= Patience;
    }

    private sealed record Any(StopCondition Left, StopCondition Right) : StopCondition
    {
        internal override int Budget => Math.Min(Left.Budget, Right.Budget);

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
