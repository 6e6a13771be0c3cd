namespace AttrHpo;

/// <summary>
/// Which early-stopping rule a study applies to its trials' intermediate values (<see cref="StudyOptions.Pruning"/>). A setting,
/// not a rule: each study creates its own rule from it, in the objective's direction.
/// </summary>
public abstract record Pruning
{
    private protected Pruning()
    {
    }

    /// <summary>Asynchronous successive halving, stop-or-continue form: see <see cref="SuccessiveHalvingRule"/>.</summary>
    /// <param name="minResource">The step of the lowest rung; at least 1.</param>
    /// <param name="reductionFactor">One trial in this many goes on at each rung; at least 2.</param>
    /// <param name="minEarlyStoppingRate">Rungs skipped at the bottom.</param>
    public static Pruning SuccessiveHalving(long minResource = 1, int reductionFactor = 3, int minEarlyStoppingRate = 0)
    {
        _ = new SuccessiveHalvingRule(Direction.Minimize, minResource, reductionFactor, minEarlyStoppingRate); // the same checks, now
        return new SuccessiveHalvingPruning(minResource, reductionFactor, minEarlyStoppingRate);
    }

    /// <summary>Hyperband: several successive-halving brackets of different aggressiveness; see <see cref="HyperbandRule"/>.</summary>
    /// <param name="minResource">The smallest step at which a trial may be stopped; at least 1.</param>
    /// <param name="maxResource">The step a trial that is never stopped reaches (its full budget); more than <paramref name="minResource"/>.</param>
    /// <param name="reductionFactor">One trial in this many goes on at each rung; at least 2.</param>
    public static Pruning Hyperband(long minResource, long maxResource, int reductionFactor = 3)
    {
        _ = new HyperbandRule(Direction.Minimize, minResource, maxResource, reductionFactor);
        return new HyperbandPruning(minResource, maxResource, reductionFactor);
    }

    /// <summary>The median-stopping rule: stop a trial whose best value so far is worse than the median of other trials at the same step; see <see cref="MedianStoppingRule"/>.</summary>
    /// <param name="startupTrials">How many other trials must have reported at a step before any trial is stopped there.</param>
    /// <param name="warmupSteps">Steps below this are never judged.</param>
    public static Pruning Median(int startupTrials = 5, long warmupSteps = 0)
    {
        _ = new MedianStoppingRule(Direction.Minimize, startupTrials, warmupSteps);
        return new MedianPruning(startupTrials, warmupSteps);
    }

    /// <summary>A rule of the caller's own.</summary>
    /// <param name="create">Creates the rule for a study, given the objective's direction; called once per study object.</param>
    public static Pruning Custom(Func<Direction, IPruner> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new CustomPruning(create);
    }

    /// <summary>Creates the rule for one study.</summary>
    /// <param name="direction">The objective's direction.</param>
    internal abstract IPruner Create(Direction direction);

    /// <summary>The setting as text that <c>PortableSettings.Pruning</c> reads back (a cluster's coordinator keeps it so); none for a custom rule.</summary>
    internal abstract string? Portable { get; }

    private sealed record SuccessiveHalvingPruning(long MinResource, int ReductionFactor, int MinEarlyStoppingRate) : Pruning
    {
        internal override IPruner Create(Direction direction) => new SuccessiveHalvingRule(direction, MinResource, ReductionFactor, MinEarlyStoppingRate);

        internal override string Portable => FormattableString.Invariant($"sh:{MinResource}:{ReductionFactor}:{MinEarlyStoppingRate}");
    }

    private sealed record HyperbandPruning(long MinResource, long MaxResource, int ReductionFactor) : Pruning
    {
        internal override IPruner Create(Direction direction) => new HyperbandRule(direction, MinResource, MaxResource, ReductionFactor);

        internal override string Portable => FormattableString.Invariant($"hyperband:{MinResource}:{MaxResource}:{ReductionFactor}");
    }

    private sealed record MedianPruning(int StartupTrials, long WarmupSteps) : Pruning
    {
        internal override IPruner Create(Direction direction) => new MedianStoppingRule(direction, StartupTrials, WarmupSteps);

        internal override string Portable => FormattableString.Invariant($"median:{StartupTrials}:{WarmupSteps}");
    }

    private sealed record CustomPruning(Func<Direction, IPruner> Factory) : Pruning
    {
        internal override IPruner Create(Direction direction) =>
            Factory(direction) ?? throw new InvalidOperationException("The Pruning.Custom factory returned null; return a rule.");

        internal override string? Portable => null;
    }
}
