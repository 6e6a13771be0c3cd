namespace AttrHpo;

/// <summary>
/// The finished trials of a study as its sampler sees them, and the rule that picks which of them it models.
/// </summary>
/// <remarks>
/// <para>
/// Each finished trial with parameters is one observation: a complete trial with its value (negated when the objective is
/// maximised, so smaller is better); a failed or pruned trial with <see cref="double.PositiveInfinity"/>, "worse than any
/// value", so that a sampler that models values learns to avoid its region (<see cref="GpSampler"/> documents how it treats
/// them). Cancelled trials say nothing about their point and are left out.
/// </para>
/// <para>
/// Under a promotion schedule, results at different budgets are not comparable: the sampler sees those of the largest budget
/// with at least <c>minimum</c> results (BOHB's rule), or all of them while no budget has that many. Otherwise, while fewer
/// than <c>minimum</c> trials are complete and trials report intermediate values (early stopping prunes most of them), the
/// sampler sees the largest step that at least <c>minimum</c> finished trials reported, with each one's value at that step:
/// so pruned trials inform it with what they measured. Once <c>minimum</c> trials are complete it sees every finished trial.
/// </para>
/// </remarks>
internal sealed class SamplerHistory(Direction direction)
{
    private readonly HashSet<int> _seen = [];
    private readonly AppendOnlyList<Observation> _finished = new();
    private readonly SortedDictionary<long, AppendOnlyList<Observation>> _byBudget = [];
    private readonly SortedDictionary<long, AppendOnlyList<Observation>> _byStep = [];
    private int _complete;

    /// <summary>Takes in a trial; only the first sight of a finished one counts (a finished trial never changes).</summary>
    public void Add(TrialRecord trial)
    {
        if (trial.State is not (TrialState.Complete or TrialState.Failed or TrialState.Pruned) || !trial.HasParameters || !_seen.Add(trial.Number))
        {
            return;
        }

        var complete = trial.State == TrialState.Complete && trial.Value is not null;
        var observation = new Observation(trial.Point, complete ? Loss(trial.Value!.Value) : double.PositiveInfinity) { Budget = trial.Budget };
        _finished.Add(observation);
        _complete += complete ? 1 : 0;
        if (trial.Budget is { } budget)
        {
            At(_byBudget, budget).Add(observation);
        }

        // A trial's value at each step it reported (the last report of a step counts), for the step rule.
        var lastAt = new SortedDictionary<long, double>();
        foreach (var report in trial.Reports)
        {
            if (double.IsFinite(report.Value))
            {
                lastAt[report.Step] = report.Value;
            }
        }

        foreach (var (step, value) in lastAt)
        {
            At(_byStep, step).Add(new Observation(trial.Point, Loss(value)) { Budget = trial.Budget });
        }
    }

    /// <summary>The observations the sampler models, by the rule of this type's remarks.</summary>
    /// <param name="minimum">How many results a budget or step needs before the sampler models it alone.</param>
    public IReadOnlyList<Observation> Select(int minimum)
    {
        if (_byBudget.Count > 1)
        {
            return _byBudget.Values.LastOrDefault(list => list.Count >= minimum)?.Snapshot() ?? _finished.Snapshot();
        }

        if (_complete < minimum && _byStep.Values.LastOrDefault(list => list.Count >= minimum) is { } step)
        {
            return step.Snapshot();
        }

        return _finished.Snapshot();
    }

    private double Loss(double value) => direction == Direction.Minimize ? value : -value;

    private static AppendOnlyList<Observation> At(SortedDictionary<long, AppendOnlyList<Observation>> lists, long key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists.Add(key, list = new AppendOnlyList<Observation>());
        }

        return list;
    }
}
