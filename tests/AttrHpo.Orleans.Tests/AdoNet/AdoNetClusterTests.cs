using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AttrHpo.Orleans.Tests.AdoNet;

/// <summary>
/// Three real silo hosts on Orleans' ADO.NET clustering and grain storage on PostgreSQL, with our script
/// (samples/Cluster/orleans-postgresql.sql): the silos find each other through its membership table, the coordinator keeps
/// its state in its grain-state table, and when the coordinator's silo is killed mid-study the coordinator comes back on
/// another silo from that state and the study ends with exactly its budget.
/// </summary>
public sealed class AdoNetClusterTests
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KillingTheCoordinatorsSiloOnAdoNetClusteringLosesNoTrialAndKeepsTheBudget()
    {
        const string study = "slow-adonet";
        const int budget = 24;
        using var timeout = new CancellationTokenSource(Patience * 2);
        await using var database = await AdoNetDatabase.CreateAsync();
        await using var storage = StudyStorage.InMemory();
        var silos = new List<IHost>();
        IHost? client = null;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await AdoNetSilos.StartSiloAsync(database, storage, timeout.Token));
            }

            // The providers were used: every silo is listed, active, in our membership table under the cluster id.
            Assert.Equal(
                silos.Select(s => AdoNetSilos.Address(s).Endpoint.Port).Order(),
                (await SilosAsync(database)).Where(s => s.Status == Active).Select(s => s.Port).Order());
            client = await AdoNetSilos.StartClientAsync(database, timeout.Token);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var run = grains.RunStudyAsync(
                ClusterObjectives.QuadraticStudy.Objective,
                new ClusterStudyOptions
                {
                    Name = study, Trials = budget, Seed = 3, Sampler = ClusterSampler.Sobol, LeaseDuration = TimeSpan.FromSeconds(2),
                    PollInterval = TimeSpan.FromMilliseconds(50),
                },
                timeout.Token);

            // Once trials complete and the coordinator's silo runs one, that silo is killed.
            var first = await WaitAsync(grains, study, s => s.Complete >= 4);
            var coordinatorSilo = silos.Single(s => AdoNetSilos.Address(s).ToString() == first.CoordinatorSilo);
            var worker = AdoNetSilos.Worker(coordinatorSilo);
            await WaitForAsync(async () => (await TrialsAsync(storage, study)).Any(t => t.State == TrialState.Running && t.Worker == worker && t.HasParameters));
            var stateBefore = await StudyStateAsync(database, study);
            await AdoNetSilos.KillAsync(coordinatorSilo);
            var completeBefore = (await TrialsAsync(storage, study)).Where(t => t.State == TrialState.Complete).ToArray();
            Assert.True(completeBefore.Length < budget, "the study finished before the coordinator's silo was killed");

            var status = await run.WaitAsync(Patience);

            Assert.True(status.Finished);
            Assert.Equal(budget, status.Complete);
            Assert.NotEqual(first.CoordinatorSilo, status.CoordinatorSilo);
            var trials = await TrialsAsync(storage, study);
            Assert.Equal(Enumerable.Range(0, budget), trials.Select(t => t.Number)); // exactly the budget: none lost, none extra
            Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
            foreach (var before in completeBefore)
            {
                Assert.Equal((before.Value, before.ParametersJson, before.Finished), (trials[before.Number].Value, trials[before.Number].ParametersJson, trials[before.Number].Finished));
            }

            // The coordinator's new activation read its state through AdoNetGrainStorage and wrote on from that version: a
            // write from an activation that had read nothing (no ETag) would have been refused by the version check.
            var stateAfter = await StudyStateAsync(database, study);
            Assert.True(stateAfter.Version > stateBefore.Version, $"the study's grain state stayed at version {stateBefore.Version}");
            Assert.Equal(AdoNetSilos.ServiceId, stateAfter.ServiceId);

            // The killed silo is declared dead in the membership table, the others stay active.
            var killed = AdoNetSilos.Address(coordinatorSilo).Endpoint.Port;
            await WaitForAsync(async () => (await SilosAsync(database)).Any(s => s.Port == killed && s.Status == Dead));
            Assert.All((await SilosAsync(database)).Where(s => s.Port != killed), s => Assert.Equal(Active, s.Status));
        }
        finally
        {
            if (client is not null)
            {
                await client.StopAsync(CancellationToken.None);
                client.Dispose();
            }

            foreach (var silo in silos)
            {
                await silo.StopAsync(CancellationToken.None); // the killed one is stopped already: nothing more happens
                silo.Dispose();
            }
        }
    }

    private static async Task<IReadOnlyList<TrialRecord>> TrialsAsync(IStudyStorage storage, string study) =>
        [.. (await storage.GetChangesAsync(study, 0, CancellationToken.None)).Trials.OrderBy(t => t.Number)];

    /// <summary>The silos the membership table lists for the test's cluster: port and Orleans' status number.</summary>
    private static async Task<IReadOnlyList<(int Port, int Status)>> SilosAsync(AdoNetDatabase database) =>
        [.. (await database.RowsAsync("SELECT port, status FROM orleans_silo WHERE cluster_id = $1", database.Schema)).Select(r => ((int)r[0]!, (int)r[1]!))];

    /// <summary>The coordinator's row in the grain-state table: the study's state, keyed by the study's name.</summary>
    private static async Task<(int Version, string ServiceId)> StudyStateAsync(AdoNetDatabase database, string study)
    {
        var rows = await database.RowsAsync(
            "SELECT version, service_id FROM orleans_grain_state WHERE state_name = 'study' AND key_text = $1 AND payload IS NOT NULL", study);
        var row = Assert.Single(rows);
        return ((int)row[0]!, (string)row[1]!);
    }

    private static async Task<ClusterStudyStatus> WaitAsync(IGrainFactory grains, string study, Func<ClusterStudyStatus, bool> condition)
    {
        ClusterStudyStatus? status = null;
        await WaitForAsync(async () =>
        {
            try
            {
                status = await grains.GetStudyStatusAsync(study);
                return condition(status);
            }
            catch (InvalidOperationException)
            {
                return false; // RunStudyAsync has not started the study yet
            }
        });
        return status!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }
}
