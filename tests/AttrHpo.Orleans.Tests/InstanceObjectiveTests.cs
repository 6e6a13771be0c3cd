namespace AttrHpo.Orleans.Tests;

/// <summary>An instance objective run on the silos: each worker builds its instance through the objective's factory.</summary>
public sealed class InstanceObjectiveTests
{
    [Fact]
    public async Task SiloWorkersRunAnInstanceObjectiveOnTheInstanceItsFactoryMakes()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        var clients = new ClusterTrainer(100.0); // the client's own instance: only its objective id and space reach the cluster

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ClusterTrainer.FitStudy.For(clients), new ClusterStudyOptions { Name = "instance", Trials = 12, Seed = 2, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(status.Finished);
        Assert.Equal(12, status.Complete);
        var trials = await fixture.TrialsAsync("instance");
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal("3", t.Attributes["factor"]);
            using var parameters = System.Text.Json.JsonDocument.Parse(t.ParametersJson);
            var x = parameters.RootElement.GetProperty("x").GetDouble();
            Assert.Equal(3.0 * x * x, t.Value!.Value, 12);
        });
    }
}
