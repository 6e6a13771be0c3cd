using System.Collections.Concurrent;
using AttrHpo.Tests.Support;

namespace AttrHpo.Orleans.Tests;

/// <summary>Worker slots that ask the coordinator at once are answered with one joint batch of the sampler.</summary>
public sealed class JointBatchTests
{
    [Fact]
    public async Task SlotsAskingTogetherAreAnsweredWithOneJointBatch()
    {
        var sampler = new RecordingSampler(new SobolSampler());
        // The coordinator's reads take up to 20 ms, so requests from six slots pile up while it chooses a suggestion.
        await using var fixture = await ClusterFixture.StartAsync(
            wrapStorage: storage => new DelayedReadsStorage(storage, TimeSpan.FromMilliseconds(20), seed: 1),
            samplers: new ClusterSamplers(_ => sampler));

        var status = await fixture.Cluster.Client.RunStudyAsync(
            ClusterObjectives.QuadraticStudy.Objective,
            new ClusterStudyOptions { Name = "batches", Trials = 36, Seed = 9, Sampler = ClusterSampler.Sobol, LeaseDuration = TimeSpan.FromSeconds(10) })
            .WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(status.Finished);
        Assert.Equal(36, status.Complete);
        var batches = sampler.Batches.ToArray();
        Assert.Equal(36, batches.Sum(b => b.Count)); // every trial's point came from a batch, once
        Assert.Equal(Enumerable.Range(0, 36), batches.SelectMany(b => b).Order());
        Assert.Contains(batches, b => b.Count >= 2); // slots that asked together got one joint batch
        Assert.True(batches.Length < 36, $"{batches.Length} calls for 36 trials: no request was batched");
        // Each batch saw the trials of the batches before it as pending or completed: Sobol points never repeat.
        var trials = await fixture.TrialsAsync("batches");
        Assert.Equal(36, trials.Select(t => t.ParametersJson).Distinct().Count());
    }

    /// <summary>Records the trial numbers of every batch the coordinator asks for, and lets the real sampler answer.</summary>
    private sealed class RecordingSampler(ISampler inner) : ISampler
    {
        public ConcurrentQueue<IReadOnlyList<int>> Batches { get; } = new();

        public double[] Suggest(SamplingContext context) => SuggestBatch(context, [context.TrialNumber])[0];

        public IReadOnlyList<double[]> SuggestBatch(SamplingContext context, IReadOnlyList<int> trialNumbers)
        {
            Batches.Enqueue([.. trialNumbers]);
            return inner.SuggestBatch(context, trialNumbers);
        }
    }
}
