using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Trials;

public sealed class TrialRecordTests
{
    [Theory]
    [InlineData(TrialState.Waiting, false)]
    [InlineData(TrialState.Running, false)]
    [InlineData(TrialState.Complete, true)]
    [InlineData(TrialState.Pruned, true)]
    [InlineData(TrialState.Failed, true)]
    [InlineData(TrialState.Cancelled, true)]
    public void FinalStatesAreFinished(TrialState state, bool finished) =>
        Assert.Equal(finished, TrialFactory.Record(0, state).IsFinished);

    [Fact]
    public void DurationIsFinishedMinusStarted()
    {
        var started = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var record = TrialFactory.Record(0) with { Started = started };
        Assert.Null(record.Duration);
        Assert.Equal(TimeSpan.FromSeconds(90), (record with { Finished = started.AddSeconds(90) }).Duration);
    }
}
