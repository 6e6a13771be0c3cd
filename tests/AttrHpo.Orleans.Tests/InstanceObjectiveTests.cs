using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace AttrHpo.Orleans.Tests;

/// <summary>
/// Instance objectives run on the silos: a worker builds the instance through the objective's factory, or resolves it from
/// the silo's services, and a silo that has neither fails the trial naming both fixes.
/// </summary>
public sealed class InstanceObjectiveTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SiloWorkersRunAnInstanceObjectiveOnTheInstanceItsFactoryMakes()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        var clients = new ClusterTrainer(100.0); // the client's own instance: only its objective id and space reach the cluster

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ClusterTrainer.FitStudy.For(clients), new ClusterStudyOptions { Name = "instance", Trials = 12, Seed = 2, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Limit);

        Assert.True(status.Finished);
        Assert.Equal(12, status.Complete);
        AssertRanOn(3.0, await fixture.TrialsAsync("instance"), 12);
    }

    [Fact]
    public async Task SiloWorkersResolveAnInstanceObjectiveFromTheSilosServices()
    {
        // Each silo registers an instance of its own, as its program would build it: every trial records the factor of
        // the silo that ran it, and the trials spread over the silos. The test cluster configures its silos concurrently,
        // hence the lock.
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        await using var fixture = await ClusterFixture.StartAsync(services: (silo, services) =>
        {
            double factor;
            lock (factors)
            {
                if (!factors.TryGetValue(silo, out factor))
                {
                    factor = 2.0 + factors.Count;
                    factors[silo] = factor;
                }
            }

            services.AddSingleton(new ServedTrainer(factor));
        });
        var clients = new ServedTrainer(100.0);

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ServedTrainer.FitStudy.For(clients), new ClusterStudyOptions { Name = "served", Trials = 12, Seed = 3, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Limit);

        Assert.True(status.Finished);
        Assert.Equal(12, status.Complete);
        var trials = await fixture.TrialsAsync("served");
        Assert.Equal(12, trials.Count);
        Assert.Equal(3, factors.Count);
        foreach (var silo in fixture.Cluster.Silos)
        {
            Assert.True(factors.TryGetValue(silo.Name, out var factor), $"silo {silo.Name} was not configured through the services callback ({string.Join(", ", factors.Keys)})");
            var ran = trials.Where(t => t.Worker == ClusterFixture.WorkerOf(silo)).ToList();
            AssertRanOn(factor, ran, ran.Count);
        }

        Assert.Equal(12, trials.Count(t => fixture.Cluster.Silos.Any(s => t.Worker == ClusterFixture.WorkerOf(s))));
    }

    [Fact]
    public async Task ASiloWithoutTheInstanceOrAFactoryFailsTheTrialNamingBothFixes()
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 1);

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ServedTrainer.FitStudy.For(new ServedTrainer(1.0)), new ClusterStudyOptions { Name = "unserved", Trials = 3, Seed = 4, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Limit);

        Assert.True(status.Finished);
        Assert.Equal(0, status.Complete);
        var trials = await fixture.TrialsAsync("unserved");
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Failed, t.State);
            Assert.Contains("[ObjectiveFactory] public static ServedTrainer Create()", t.Error, StringComparison.Ordinal);
            Assert.Contains("Register ServedTrainer", t.Error, StringComparison.Ordinal);
        });
    }

    private static void AssertRanOn(double factor, IReadOnlyList<TrialRecord> trials, int count)
    {
        Assert.Equal(count, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(factor.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Attributes["factor"]);
            using var parameters = JsonDocument.Parse(t.ParametersJson);
            var x = parameters.RootElement.GetProperty("x").GetDouble();
            Assert.Equal(factor * x * x, t.Value!.Value, 12);
        });
    }
}
