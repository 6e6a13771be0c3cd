namespace AttrHpo.Orleans.Tests;

/// <summary>The coordinator's account of its study, kept from storage's changes instead of reading the whole study on each poll.</summary>
public sealed class StudyTallyTests
{
    [Fact]
    public void ChangesUpdateTheTrialsTheyNameAndLeaveTheOthers()
    {
        var tally = new StudyTally();
        tally.Apply(new TrialChanges([Trial(0, TrialState.Running, 1), Trial(1, TrialState.Running, 2)], 2));
        tally.Apply(new TrialChanges([Trial(0, TrialState.Complete, 3)], 3));

        Assert.Equal(3, tally.Version);
        Assert.Equal(1, tally.Count(TrialState.Complete));
        Assert.Equal(1, tally.Count(TrialState.Running));
        Assert.Equal(2, tally.Trials.Count);
    }

    [Fact]
    public void AnAnswerReadEarlierButAppliedLaterChangesNothing()
    {
        var tally = new StudyTally();
        tally.Apply(new TrialChanges([Trial(0, TrialState.Complete, 5)], 5));
        tally.Apply(new TrialChanges([Trial(0, TrialState.Running, 4)], 4)); // two polls interleaved: the older answer last

        Assert.Equal(TrialState.Complete, Assert.Single(tally.Trials).State);
        Assert.Equal(5, tally.Version);
    }

    private static TrialRecord Trial(int number, TrialState state, long version) =>
        new() { Number = number, State = state, Point = [0.5], ParametersJson = "{}", Version = version };
}
