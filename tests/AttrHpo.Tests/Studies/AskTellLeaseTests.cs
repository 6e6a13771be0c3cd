using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Studies;

/// <summary>
/// What happens to an asked trial whose caller dies, on a real SQLite file with one connection per caller: with a lease, the
/// next ask takes it back once the lease ends; without one, it stays running until told by number (or until a study run on
/// its machine sees its process gone: SqliteInterruptAndAskTests).
/// </summary>
public sealed class AskTellLeaseTests : IDisposable
{
    private readonly TempStudyFile _file = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task AnAskedTrialWhoseLeaseEndedIsAskedAgainWithItsParametersAndItsFirstAskCanNoLongerTellIt()
    {
        await using var first = StudyStorage.Sqlite(_file.Path);
        await using var second = StudyStorage.Sqlite(_file.Path);
        var gone = Study.Create(Objective, Options(first, "host-a/1/ask"));
        var next = Study.Create(Objective, Options(second, "host-b/2/ask"));

        var lost = await gone.AskAsync(lease: TimeSpan.FromMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(6));
        var again = await next.AskAsync(lease: TimeSpan.FromMinutes(5));

        Assert.Equal((lost.Number, lost.Parameters), (again.Number, again.Parameters));
        var late = await Assert.ThrowsAsync<StudyStorageException>(() => gone.TellAsync(lost, 1.0)); // the caller was only slow
        Assert.Contains("was started again", late.Message);
        var told = await next.TellAsync(again, 2.0);
        Assert.Equal((TrialState.Complete, 2.0, 2), (told.State, told.Value!.Value, told.Record.Starts));
    }

    [Fact]
    public async Task AnAskedTrialIsKeptWhileItsLeaseHoldsAndAnAskWithoutALeaseIsNeverTakenBack()
    {
        await using var first = StudyStorage.Sqlite(_file.Path);
        await using var second = StudyStorage.Sqlite(_file.Path);
        var gone = Study.Create(Objective, Options(first, "host-a/1/ask"));
        var next = Study.Create(Objective, Options(second, "host-b/2/ask"));

        var leased = await gone.AskAsync(lease: TimeSpan.FromMinutes(5));
        var unleased = await gone.AskAsync();
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(2, (await next.AskAsync()).Number);
        _clock.Advance(TimeSpan.FromDays(365));
        Assert.Equal(leased.Number, (await next.AskAsync()).Number); // its lease ended: asked again

        // The unleased trial's asker is gone for good: no study waits for it, and it counts toward a total.
        var runner = Study.Create(Objective, Options(second, "host-b/3"));
        var result = await runner.OptimizeAsync(StopCondition.TotalTrials(5));
        Assert.Equal(TrialState.Running, result.Trials.Single(t => t.Number == unleased.Number).State);
        Assert.Equal(5, result.Trials.Count);

        // Told by number from anywhere, it is out of the count, and the next run replaces it.
        await next.TellAsync(unleased.Number, TrialState.Cancelled, "its asker is gone");
        var replaced = await runner.OptimizeAsync(StopCondition.TotalTrials(5));
        Assert.Equal(5, replaced.Trials.Count(t => t.State != TrialState.Cancelled));
        Assert.Equal(TrialState.Cancelled, replaced.Trials.Single(t => t.Number == unleased.Number).State);
    }

    [Fact]
    public async Task ALeaseMustBePositive()
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        var study = Study.Create(Objective, Options(storage, "host-a/1/ask"));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.AskAsync(lease: TimeSpan.Zero));

        Assert.Contains("give a positive time, or none", error.Message);
    }

    private static TestObjective Objective { get; } = TestObjective.FromTrial(t => t.Number);

    private StudyOptions Options(IStudyStorage storage, string worker) => new() { Storage = storage, WorkerName = worker, TimeProvider = _clock, Seed = 4 };
}
