namespace AttrHpo;

/// <summary>
/// The promotion form of successive halving (<see cref="StudyOptions.Promotion"/>), driven by the objective's <c>[Budget]</c>
/// parameter: new configurations run with a small budget, and the best are run again with larger ones. Each run is a trial of
/// its own (with <see cref="TrialRecord.Budget"/> and <see cref="TrialRecord.PromotedFrom"/>), so a promotion counts toward the
/// study's trial budget. A setting, not a scheduler: each study creates its own from it.
/// </summary>
public abstract record Promotion
{
    private protected Promotion()
    {
    }

    /// <summary>
    /// Asynchronous successive halving (Li et al., MLSys 2020): rungs at budgets <c>minBudget * eta^(rate + k)</c> up to the
    /// objective's full budget; a free worker promotes the best unpromoted configuration of the best <c>floor(n/eta)</c> of a
    /// rung, from the top rung down, or starts a new one. See <see cref="AshaScheduler"/>.
    /// </summary>
    /// <param name="reductionFactor">One configuration in this many is promoted; at least 2.</param>
    /// <param name="minEarlyStoppingRate">Rungs skipped at the bottom.</param>
    /// <param name="minBudget">The bottom rung's budget; the <c>[Budget]</c> parameter's minimum when <see langword="null"/>.</param>
    public static Promotion Asha(int reductionFactor = 3, int minEarlyStoppingRate = 0, long? minBudget = null)
    {
        Check(reductionFactor, minBudget);
        HalvingArguments.MinEarlyStoppingRate(minEarlyStoppingRate);
        return new AshaPromotion(reductionFactor, minEarlyStoppingRate, minBudget);
    }

    /// <summary>
    /// Hyperband (Li et al., JMLR 2018) over ASHA brackets: bracket <c>s</c> is ASHA with minimum early-stopping rate <c>s</c>,
    /// for <c>s = 0 .. sMax</c>; new configurations go to brackets in proportion to Hyperband's bracket sizes (by a hash of
    /// their trial number, as <see cref="HyperbandRule"/> does), and a free worker takes a due promotion from any bracket first.
    /// </summary>
    /// <param name="reductionFactor">One configuration in this many is promoted; at least 2.</param>
    /// <param name="minBudget">The smallest budget; the <c>[Budget]</c> parameter's minimum when <see langword="null"/>.</param>
    public static Promotion Hyperband(int reductionFactor = 3, long? minBudget = null)
    {
        Check(reductionFactor, minBudget);
        return new HyperbandPromotion(reductionFactor, minBudget);
    }

    /// <summary>Creates the study's schedule for an objective's budget range.</summary>
    internal abstract PromotionSchedule Create(BudgetRange budget, Direction direction);

    /// <summary>The setting as text that <c>PortableSettings.Promotion</c> reads back (a cluster's coordinator keeps it so).</summary>
    internal abstract string Portable { get; }

    private static void Check(int reductionFactor, long? minBudget)
    {
        HalvingArguments.ReductionFactor(reductionFactor);
        if (minBudget is { } min)
        {
            HalvingArguments.MinResource(min, nameof(minBudget));
        }
    }

    private sealed record AshaPromotion(int ReductionFactor, int MinEarlyStoppingRate, long? MinBudget) : Promotion
    {
        internal override string Portable => FormattableString.Invariant($"asha:{ReductionFactor}:{MinEarlyStoppingRate}:{MinBudget}");

        internal override PromotionSchedule Create(BudgetRange budget, Direction direction) =>
            new(direction, [new AshaScheduler(MinBudget ?? budget.Min, budget.Max, ReductionFactor, MinEarlyStoppingRate)], new HyperbandBrackets(1, ReductionFactor));
    }

    private sealed record HyperbandPromotion(int ReductionFactor, long? MinBudget) : Promotion
    {
        internal override string Portable => FormattableString.Invariant($"hyperband:{ReductionFactor}:{MinBudget}");

        internal override PromotionSchedule Create(BudgetRange budget, Direction direction)
        {
            var min = MinBudget ?? budget.Min;
            var brackets = new List<AshaScheduler>();
            for (var s = 0; ; s++)
            {
                var scheduler = new AshaScheduler(min, budget.Max, ReductionFactor, s);
                brackets.Add(scheduler);
                if (scheduler.RungBudgets.Count == 1)
                {
                    break;
                }
            }

            return new PromotionSchedule(direction, [.. brackets], new HyperbandBrackets(brackets.Count, ReductionFactor));
        }
    }
}
