using AttrHpo.Tests.Generated;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Scheduling;

/// <summary>
/// The promotion schedules rebuilt from storage decide as the live schedule does: the same ask/tell sequence on a SQLite file
/// with one study object, and with a new storage and study object before every ask and every tell, gives the same trials
/// (budgets, promotions, parameters).
/// </summary>
public sealed class PromotionReplayTests
{
    private const int Trials = 48;
    private const int Batch = 3;

    public static TheoryData<string> Schedules => ["asha", "hyperband"];

    private static Promotion Create(string schedule) =>
        schedule == "asha" ? Promotion.Asha(reductionFactor: 3) : Promotion.Hyperband(reductionFactor: 3);

    /// <summary>A loss of the parameters that improves with the budget, so promotions depend on every value told.</summary>
    private static double Loss(Branin.EvaluateAsyncParameters p, long budget) =>
        Math.Abs(p.X1 - 2) + Math.Abs(p.X2 - 7) / 3 + p.Penalty + (5.0 / budget);

    [Theory]
    [MemberData(nameof(Schedules))]
    public async Task AScheduleRebuiltBeforeEveryAskAndTellDecidesAsTheLiveOne(string schedule)
    {
        var live = await RunAsync(schedule, fresh: false);
        var rebuilt = await RunAsync(schedule, fresh: true);

        Assert.Equal(live, rebuilt);
        Assert.Contains(live, t => t.PromotedFrom is not null); // the schedule really promotes on this sequence
        Assert.Contains(live, t => t.Budget == 9);
    }

    /// <summary>Asks a batch, tells it in a rotating order, repeats; returns each trial's number, budget, promotion and parameters.</summary>
    private static async Task<List<(int Number, long? Budget, int? PromotedFrom, string Parameters)>> RunAsync(string schedule, bool fresh)
    {
        using var file = new TempStudyFile();
        IStudyStorage? storage = null;
        Study<Branin.EvaluateAsyncParameters>? study = null;
        async Task<Study<Branin.EvaluateAsyncParameters>> StudyAsync()
        {
            if (fresh || study is null)
            {
                if (storage is not null)
                {
                    await storage.DisposeAsync();
                }

                storage = StudyStorage.Sqlite(file.Path);
                study = Branin.EvaluateAsyncStudy.Create(new StudyOptions { Name = "promotions", Seed = 21, Storage = storage, Promotion = Create(schedule) });
            }

            return study;
        }

        try
        {
            for (var round = 0; round < Trials / Batch; round++)
            {
                var asked = new List<AskedTrial<Branin.EvaluateAsyncParameters>>();
                for (var i = 0; i < Batch; i++)
                {
                    asked.Add(await (await StudyAsync()).AskAsync());
                }

                for (var i = 0; i < Batch; i++)
                {
                    var trial = asked[(i + round) % Batch];
                    var budget = trial.Context.Budget ?? 9;
                    await (await StudyAsync()).TellAsync(trial.Number, Loss(trial.Parameters, budget));
                }
            }

            var trials = await (await StudyAsync()).GetTrialsAsync();
            return [.. trials.Select(t => (t.Number, t.Record.Budget, t.Record.PromotedFrom, t.Record.ParametersJson))];
        }
        finally
        {
            if (storage is not null)
            {
                await storage.DisposeAsync();
            }
        }
    }
}
