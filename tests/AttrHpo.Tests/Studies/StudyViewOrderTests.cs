namespace AttrHpo.Tests.Studies;

/// <summary>Records reach a study's view out of order (several workers read and write at once): the newest one stands.</summary>
public sealed class StudyViewOrderTests
{
    private static TrialRecord Trial(TrialState state, long version, bool parameters = true) => new()
    {
        Number = 0,
        State = state,
        Point = parameters ? [0.5] : [],
        ParametersJson = parameters ? "{}" : string.Empty,
        Value = state == TrialState.Complete ? 1.0 : null,
        Version = version,
    };

    [Fact]
    public void AnOlderReadArrivingLateNeitherHidesARunningPointNorRevivesAFinishedTrial()
    {
        var view = new StudyView(Direction.Minimize);
        view.Apply(Trial(TrialState.Running, version: 2));
        view.Apply(new TrialChanges([Trial(TrialState.Running, version: 1, parameters: false)], 1)); // read before the parameters

        var (_, pending) = view.ForSampler([]);
        Assert.Single(pending);

        view.Apply(Trial(TrialState.Complete, version: 3));
        view.Apply(new TrialChanges([Trial(TrialState.Running, version: 2)], 2)); // read before it finished
        var (completed, stillPending) = view.ForSampler([]);
        Assert.Empty(stillPending);
        Assert.Equal(1.0, Assert.Single(completed).Loss);
        Assert.Empty(view.WorkersElsewhere("another worker"));
    }
}
