using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>A retried attempt runs its training loop from the start again: its reports go on after the failed attempt's.</summary>
public sealed class RetryReportsTests
{
    [Fact]
    public async Task ARetryThatReportsFromItsFirstStepAgainGoesOnAfterTheFailedAttempt()
    {
        using var file = new TempStudyFile();
        await using var storage = StudyStorage.Sqlite(file.Path);
        var attempts = 0;
        var objective = new TestObjective((_, trial, _) =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            for (var step = 1; step <= 5; step++)
            {
                if (attempt == 1 && step == 4)
                {
                    throw new IOException("the data source went away");
                }

                trial.Report(step, (attempt * 10) + step);
            }

            return ValueTask.FromResult(1.0);
        });
        var options = new StudyOptions { Storage = storage, Retry = new RetryPolicy { MaxAttempts = 2, Delay = TimeSpan.Zero } };

        var result = await Study.Create(objective, options).OptimizeAsync(trials: 1);

        var trial = Assert.Single(result.Trials);
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.Equal(2, attempts);
        Assert.Equal([(1L, 11.0), (2L, 12.0), (3L, 13.0), (4L, 24.0), (5L, 25.0)], trial.Record.Reports.Select(r => (r.Step, r.Value)));
    }
}
