namespace AttrHpo.Orleans.Tests;

/// <summary>
/// A worker slot asks for its next trial before the current one ends (<see cref="AttrHpoSiloOptions.AskAhead"/>): seen in
/// storage as a trial claimed while the slot's previous trial still ran. Off, or in a study with promotions, each trial is
/// claimed only after the previous one's result is recorded.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class AskAheadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ASlotClaimsItsNextTrialWhileTheCurrentOneRuns()
    {
        var trials = await RunOneSlotAsync(askAhead: true, "slow-ahead", ClusterObjectives.QuadraticStudy.Objective, promotion: null);

        // Each trial runs 400 ms and an answer takes a few: after the slot has timed a trial and an answer, it asks ahead.
        var overlapping = Overlapping(trials);
        Assert.True(overlapping >= 4, $"{overlapping} of 9 trials were claimed while the one before ran; expected most after the first");
    }

    [Fact]
    public async Task TurnedOffEachTrialIsClaimedAfterThePreviousResult()
    {
        var trials = await RunOneSlotAsync(askAhead: false, "slow-not-ahead", ClusterObjectives.QuadraticStudy.Objective, promotion: null);

        Assert.Equal(0, Overlapping(trials));
    }

    [Fact]
    public async Task AStudyWithPromotionsNeverAsksAhead()
    {
        var trials = await RunOneSlotAsync(askAhead: true, "promoted", ClusterObjectives.EpochsStudy.Objective, Promotion.Asha(reductionFactor: 3));

        Assert.Contains(trials, t => t.PromotedFrom is not null);
        Assert.Equal(0, Overlapping(trials));
    }

    /// <summary>One silo with one slot runs 10 trials; the trials as stored, by number.</summary>
    private static async Task<IReadOnlyList<TrialRecord>> RunOneSlotAsync(bool askAhead, string study, IRegisteredObjective objective, Promotion? promotion)
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 1, slots: 1, askAhead: askAhead);
        var status = await fixture.Cluster.Client.RunStudyAsync(
            objective,
            new ClusterStudyOptions { Name = study, Trials = 10, Seed = 4, Sampler = ClusterSampler.Sobol, Promotion = promotion, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.True(status.Finished);
        Assert.Equal(10, status.Complete);
        var trials = await fixture.TrialsAsync(study);
        Assert.Equal(Enumerable.Range(0, 10), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(1, t.Starts)); // claimed ahead or not, each ran once
        return trials;
    }

    /// <summary>How many trials were claimed (started, as stored) before the trial before them finished.</summary>
    private static int Overlapping(IReadOnlyList<TrialRecord> trials) =>
        trials.Zip(trials.Skip(1), (previous, next) => next.Started < previous.Finished).Count(overlap => overlap);
}
