namespace AttrHpo.Orleans.Tests;

public sealed class StudyDirectoryTests
{
    [Fact]
    public async Task AStudyNobodyWaitsOnStillFinishesAndLeavesTheDirectory()
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 2);
        var client = fixture.Cluster.Client;
        var objective = ClusterObjectives.QuadraticStudy.Objective;
        // Started as RunStudyAsync starts it, then left alone: no caller asks for its status.
        await client.GetGrain<IStudyCoordinatorGrain>("unattended").StartAsync(new StudySpec
        {
            Name = "unattended", ObjectiveId = objective.Id, Trials = 12, LeaseDuration = TimeSpan.FromSeconds(10), MaxTrialStarts = 2,
        });
        var directory = client.GetGrain<IStudyDirectoryGrain>(0);
        Assert.Contains("unattended", (await directory.GetActiveAsync()).Keys);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await directory.GetActiveAsync()).ContainsKey("unattended") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.DoesNotContain("unattended", (await directory.GetActiveAsync()).Keys);
        var trials = await fixture.TrialsAsync("unattended");
        Assert.Equal(Enumerable.Range(0, 12), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }
}
