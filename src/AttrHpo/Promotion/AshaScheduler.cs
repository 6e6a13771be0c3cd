namespace AttrHpo;

/// <summary>What a free worker should run next, as <see cref="AshaScheduler.Next"/> decides.</summary>
/// <param name="Config">The configuration: an existing one when <see cref="IsPromotion"/>, otherwise a new one (numbered from 0).</param>
/// <param name="Rung">The rung to run it at.</param>
/// <param name="Budget">The rung's budget (the value of the objective's <c>[Budget]</c> parameter).</param>
/// <param name="IsPromotion">Whether the configuration was promoted from the rung below.</param>
public readonly record struct AshaJob(int Config, int Rung, long Budget, bool IsPromotion);

/// <summary>
/// Asynchronous successive halving, promotion form (Li et al., "A System for Massively Parallel Hyperparameter Tuning",
/// MLSys 2020, Algorithm 2): rungs at budgets <c>minBudget * eta^(s + k)</c> up to <c>maxBudget</c>. When a worker is free,
/// <see cref="Next"/> looks from the top rung down for a configuration in the best <c>floor(n_k / eta)</c> of its rung that
/// has not been promoted, and promotes it to the next rung; if there is none, it starts a new configuration at the bottom
/// rung. No configuration is promoted twice.
/// </summary>
/// <remarks>Thread-safe. A decision costs O(K log n) for K rungs and n results per rung; a report O(log n).</remarks>
public sealed class AshaScheduler
{
    private readonly Lock _gate = new();
    private readonly AshaRung[] _rungs;
    private readonly long[] _budgets;
    private int _nextConfig;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="minBudget">The smallest budget (with <paramref name="minEarlyStoppingRate"/> 0); at least 1.</param>
    /// <param name="maxBudget">The full budget; the top rung is the largest <c>minBudget * eta^k</c> not above it.</param>
    /// <param name="reductionFactor">One configuration in this many is promoted; at least 2.</param>
    /// <param name="minEarlyStoppingRate">Rungs skipped at the bottom: new configurations start at <c>minBudget * eta^rate</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or no rung fits under <paramref name="maxBudget"/>.</exception>
    public AshaScheduler(long minBudget, long maxBudget, int reductionFactor = 3, int minEarlyStoppingRate = 0)
    {
        HalvingArguments.MinResource(minBudget);

        HalvingArguments.ReductionFactor(reductionFactor);
        HalvingArguments.MinEarlyStoppingRate(minEarlyStoppingRate);
        var budgets = new List<long>();
        var budget = (Int128)minBudget;
        for (var i = 0; i < minEarlyStoppingRate && budget <= maxBudget; i++)
        {
            budget *= reductionFactor;
        }

        for (; budget <= maxBudget; budget *= reductionFactor)
        {
            budgets.Add((long)budget);
        }

        if (budgets.Count == 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxBudget), maxBudget, $"No rung fits: the bottom rung's budget is above the maximum {maxBudget}. Lower the minimum budget or the early-stopping rate.");
        }

        _budgets = [.. budgets];
        _rungs = [.. budgets.Select(_ => new AshaRung(reductionFactor))];
        ReductionFactor = reductionFactor;
    }

    /// <summary>One configuration in this many is promoted.</summary>
    public int ReductionFactor { get; }

    /// <summary>The rungs' budgets, from the bottom.</summary>
    public IReadOnlyList<long> RungBudgets => _budgets;

    /// <summary>How many configurations have been started.</summary>
    public int Configurations
    {
        get
        {
            lock (_gate)
            {
                return _nextConfig;
            }
        }
    }

    /// <summary>What a free worker runs next: a promotion when one is due, otherwise a new configuration at the bottom rung.</summary>
    public AshaJob Next()
    {
        lock (_gate)
        {
            return TakePromotion() ?? new AshaJob(_nextConfig++, 0, _budgets[0], IsPromotion: false);
        }
    }

    /// <summary>
    /// The promotion due now, marked as taken, or <see langword="null"/> when none is (the caller then starts a configuration of
    /// its own, numbered as it likes, at <see cref="RungBudgets"/>[0]). For callers that number configurations themselves.
    /// </summary>
    public AshaJob? NextPromotion()
    {
        lock (_gate)
        {
            return TakePromotion();
        }
    }

    /// <summary>Records that a configuration was promoted from <paramref name="rung"/> by someone else (another process), so that it is not promoted again.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="rung">The rung it was promoted from.</param>
    public void MarkPromoted(int config, int rung)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rung);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rung, _rungs.Length);
        lock (_gate)
        {
            _rungs[rung].MarkPromoted(config);
        }
    }

    /// <summary>The rung whose budget is <paramref name="budget"/>, or -1 when no rung has it.</summary>
    /// <param name="budget">A budget.</param>
    public int RungOf(long budget) => Array.IndexOf(_budgets, budget);

    /// <summary>Records the loss a configuration reached at a rung (smaller is better; NaN is never promoted).</summary>
    /// <param name="config">The configuration, as <see cref="Next"/> or the caller numbered it.</param>
    /// <param name="rung">The rung it ran at.</param>
    /// <param name="loss">Its loss at that rung's budget.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rung does not exist, or the configuration number is negative.</exception>
    /// <remarks>A configuration's second result at the same rung is ignored (results told again, as a resumed study does, change nothing).</remarks>
    public void Report(int config, int rung, double loss)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(config);
        ArgumentOutOfRangeException.ThrowIfNegative(rung);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rung, _rungs.Length);
        lock (_gate)
        {
            _rungs[rung].Add(config, loss);
        }
    }

    private AshaJob? TakePromotion()
    {
        for (var k = _rungs.Length - 2; k >= 0; k--)
        {
            if (_rungs[k].TakePromotable() is { } config)
            {
                return new AshaJob(config, k + 1, _budgets[k + 1], IsPromotion: true);
            }
        }

        return null;
    }

    /// <summary>How many results rung <paramref name="rung"/> holds, and how many of them were promoted.</summary>
    /// <param name="rung">The rung, from the bottom.</param>
    public (int Results, int Promoted) RungCounts(int rung)
    {
        lock (_gate)
        {
            return (_rungs[rung].Count, _rungs[rung].PromotedCount);
        }
    }
}
