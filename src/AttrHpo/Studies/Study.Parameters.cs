namespace AttrHpo;

/// <summary>Parameter assignment: a started trial gets its parameters (kept, promoted, or sampled).</summary>
public sealed partial class Study<TParameters>
{
    /// <summary>Gives a started trial its parameters: sampled for a new trial, read back for an enqueued or re-run one.</summary>
    private async Task<(TParameters Parameters, TrialRecord Trial)> AssignParametersAsync(StudyView view, TrialRecord trial, CancellationToken token)
    {
        var seed = SeedMixer.TrialSeed(SeedMixer.Mix(Options.Seed), trial.Number);
        if (trial.HasParameters)
        {
            // Enqueued, or run again after its worker died: its parameters (and budget and promotion) are kept.
            var known = Objective.FromJson(trial.ParametersJson);
            var budget = trial.Budget ?? _promotions?.NewBudget(trial.Number);
            var seeded = trial.Seed == seed && trial.Budget == budget
                ? trial
                : await _storage.SetParametersAsync(
                    Name,
                    trial.Number,
                    new TrialAssignment(trial.Point, trial.ParametersJson, seed) { Budget = budget, PromotedFrom = trial.PromotedFrom },
                    token).ConfigureAwait(false);
            view.Apply(seeded);
            return (known, seeded);
        }

        // A promotion schedule decides from what has finished; the sampler's read happens under the sampler lock instead.
        if (_promotions is not null)
        {
            view.Apply(await _storage.GetChangesAsync(Name, view.Version, token).ConfigureAwait(false));
        }

        while (_promotions?.Next(trial.Number) is { PromotedFrom: { } from, Source: { } source } promotion)
        {
            try
            {
                var promoted = await _storage.SetParametersAsync(
                    Name,
                    trial.Number,
                    new TrialAssignment(source.Point, source.ParametersJson, seed) { Budget = promotion.Budget, PromotedFrom = from },
                    token).ConfigureAwait(false);
                view.Apply(promoted);
                return (Objective.FromJson(promoted.ParametersJson), promoted);
            }
            catch (PromotionTakenException)
            {
                // Another process promoted it first; the schedule has marked it taken. Catch up and look again.
                view.Apply(await _storage.GetChangesAsync(Name, view.Version, token).ConfigureAwait(false));
            }
        }

        return await _suggestions.AssignAsync(view, trial, token).ConfigureAwait(false);
    }
}
