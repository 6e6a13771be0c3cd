namespace AttrHpo;

/// <summary>What a started trial runs under a promotion schedule: a promotion of an earlier trial, or a new configuration.</summary>
/// <param name="Budget">The budget it runs with.</param>
/// <param name="PromotedFrom">The trial it promotes (whose parameters it takes), or <see langword="null"/> for a new configuration.</param>
/// <param name="Source">The promoted trial, for its parameters; <see langword="null"/> for a new configuration.</param>
internal sealed record PromotionPlan(long Budget, int? PromotedFrom, TrialRecord? Source);

/// <summary>
/// One study's promotion schedule: ASHA brackets (one, or Hyperband's several) kept current from the study's trials as storage
/// reports them (this process's and others'), so that a resumed study, or several processes, share one schedule. A
/// configuration is numbered by the trial that first ran it. Thread-safe; told the same trial again, it changes nothing.
/// </summary>
internal sealed class PromotionSchedule
{
    private readonly Lock _gate = new();
    private readonly Direction _direction;
    private readonly AshaScheduler[] _brackets;
    private readonly HyperbandBrackets _assignment;
    private readonly Dictionary<int, (int Bracket, int Config, int Rung, TrialRecord Trial)> _placed = [];
    private readonly Dictionary<(int Bracket, int Config, int Rung), int> _trialAt = [];
    private readonly HashSet<int> _reported = [];

    public PromotionSchedule(Direction direction, AshaScheduler[] brackets, HyperbandBrackets assignment)
    {
        _direction = direction;
        _brackets = brackets;
        _assignment = assignment;
    }

    /// <summary>Takes in a trial as storage holds it (any state); trials without a budget, or whose budget is no rung's, are not part of the schedule.</summary>
    public void Observe(TrialRecord trial)
    {
        if (trial.Budget is not { } budget || !trial.HasParameters)
        {
            return;
        }

        lock (_gate)
        {
            if (!_placed.TryGetValue(trial.Number, out var place))
            {
                if (trial.PromotedFrom is { } from)
                {
                    if (!_placed.TryGetValue(from, out var parent))
                    {
                        return; // its source is not part of the schedule (recorded before it, say)
                    }

                    _brackets[parent.Bracket].MarkPromoted(parent.Config, parent.Rung);
                    place = (parent.Bracket, parent.Config, parent.Rung + 1, trial);
                }
                else
                {
                    var bracket = BracketOf(trial.Number);
                    var rung = _brackets[bracket].RungOf(budget);
                    if (rung < 0)
                    {
                        return;
                    }

                    place = (bracket, trial.Number, rung, trial);
                }

                _placed[trial.Number] = place;
                _trialAt[(place.Bracket, place.Config, place.Rung)] = trial.Number;
            }

            if (trial.IsFinished && _reported.Add(trial.Number))
            {
                _placed[trial.Number] = place with { Trial = trial };
                var loss = trial.State == TrialState.Complete && trial.Value is { } value
                    ? (_direction == Direction.Minimize ? value : -value)
                    : double.NaN; // failed, pruned or cancelled: never promoted
                _brackets[place.Bracket].Report(place.Config, place.Rung, loss);
            }
        }
    }

    /// <summary>What trial <paramref name="number"/>, just started without parameters, should run: a due promotion first, otherwise a new configuration.</summary>
    public PromotionPlan Next(int number)
    {
        lock (_gate)
        {
            for (var b = 0; b < _brackets.Length; b++)
            {
                if (_brackets[b].NextPromotion() is { } job)
                {
                    var source = _placed[_trialAt[(b, job.Config, job.Rung - 1)]].Trial;
                    return new PromotionPlan(job.Budget, source.Number, source);
                }
            }

            return new PromotionPlan(_brackets[BracketOf(number)].RungBudgets[0], null, null);
        }
    }

    /// <summary>The budget of a new configuration numbered <paramref name="number"/> (an enqueued trial, say).</summary>
    public long NewBudget(int number) => _brackets[BracketOf(number)].RungBudgets[0];

    private int BracketOf(int number) => _assignment.Of(number);
}
