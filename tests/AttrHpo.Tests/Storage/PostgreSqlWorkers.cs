namespace AttrHpo.Tests.Storage;

/// <summary>
/// Workers that share one study through storage alone, as processes on several machines do: each claims trials, gives
/// them parameters and finishes them with their number as value, recovering trials whose lease ran out, until every trial
/// of the budget is complete.
/// </summary>
internal static class PostgreSqlWorkers
{
    public const string Study = "shared";

    public static readonly StudyIdentity Identity = new(Study, "Tests.Objective", Direction.Minimize);

    /// <summary>Runs one worker to the end of the study, each trial taking <paramref name="work"/>; returns the numbers of the trials it claimed.</summary>
    public static async Task<List<int>> RunAsync(IStudyStorage storage, string worker, int budget, TimeSpan lease, TimeSpan work, CancellationToken cancellationToken)
    {
        var claimed = new List<int>();
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var trial = await storage.StartTrialAsync(Study, new TrialLease(worker, now, now + lease), budget, cancellationToken);
            if (trial is null)
            {
                var trials = (await storage.GetChangesAsync(Study, 0, cancellationToken)).Trials;
                if (trials.Count >= budget && trials.All(t => t.State == TrialState.Complete))
                {
                    return claimed;
                }

                await storage.RecoverExpiredTrialsAsync(Study, DateTimeOffset.UtcNow, 100, cancellationToken);
                await Task.Delay(20, cancellationToken);
                continue;
            }

            claimed.Add(trial.Number);
            try
            {
                await storage.SetParametersAsync(Study, trial.Number, [0.5], "{\"x\":0.5}", trial.Number, cancellationToken);
                await Task.Delay(work, cancellationToken);
                var end = new TrialEnd(TrialState.Complete, trial.Number, null, DateTimeOffset.UtcNow, []) { Attempt = trial.Starts };
                await storage.FinishTrialAsync(Study, trial.Number, end, cancellationToken);
            }
            catch (StudyStorageException)
            {
                // Its lease ran out and another worker took it: the final check of the study tells whether anything was lost.
            }
        }
    }

    /// <summary>Asserts that the study holds exactly <paramref name="budget"/> trials, numbered densely, each complete with its number as value.</summary>
    public static async Task AssertCompleteAsync(IStudyStorage storage, int budget)
    {
        var trials = (await storage.GetChangesAsync(Study, 0, CancellationToken.None)).Trials;
        Assert.Equal(Enumerable.Range(0, budget), trials.Select(t => t.Number).Order());
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(t.Number, t.Value);
            Assert.Equal(t.Number, t.Seed);
        });
    }
}
