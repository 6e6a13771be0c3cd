using System.Globalization;

namespace AttrHpo.Orleans.Tests;

/// <summary>
/// Checkpoints on silos (<see cref="AttrHpoSiloOptions.CheckpointDirectory"/>): with one folder shared by three silos, every
/// ASHA promotion continues from its source trial's checkpoint, whichever silo ran the source.
/// </summary>
public sealed class CheckpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task APromotedTrialContinuesFromItsSourcesCheckpointOnAnySilo()
    {
        var folder = Path.Combine(Path.GetTempPath(), "attrhpo-orleans-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync(folder);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string folder)
    {
        await using var fixture = await ClusterFixture.StartAsync(checkpointDirectory: folder);

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ResumableObjectives.ResumeStudy.Objective,
            new ClusterStudyOptions { Name = "resumed", Trials = 40, Seed = 3, Promotion = Promotion.Asha(reductionFactor: 3), LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.Equal(40, status.Complete);
        var trials = await fixture.TrialsAsync("resumed");
        var promoted = trials.Where(t => t.PromotedFrom is not null).ToArray();
        Assert.NotEmpty(promoted);
        foreach (var promotion in promoted)
        {
            var source = trials[promotion.PromotedFrom!.Value];
            // It started where its source stopped, and trained only the epochs its larger budget adds.
            Assert.Equal(source.Budget!.Value, Number(promotion, "resumedFrom"));
            Assert.Equal(promotion.Budget!.Value - source.Budget.Value, Number(promotion, "trained"));
        }

        Assert.All(trials.Where(t => t.PromotedFrom is null), t => Assert.Equal(0, Number(t, "resumedFrom")));
        Assert.Contains(promoted, p => p.Worker != trials[p.PromotedFrom!.Value].Worker); // a checkpoint crossed silos
    }

    [Fact]
    public async Task WithoutAFolderSavingACheckpointFailsTheTrialNamingTheOption()
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 1);

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ResumableObjectives.ResumeStudy.Objective, new ClusterStudyOptions { Name = "no-folder", Trials = 2, Seed = 1, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(Patience);

        Assert.Equal(2, status.Failed);
        Assert.All(await fixture.TrialsAsync("no-folder"), t => Assert.Contains("AttrHpoSiloOptions.CheckpointDirectory", t.Error, StringComparison.Ordinal));
    }

    private static long Number(TrialRecord trial, string attribute) => long.Parse(trial.Attributes[attribute], CultureInfo.InvariantCulture);
}
