namespace AttrHpo.Orleans.Tests;

public sealed class UnregisteredObjectiveTests
{
    [Fact]
    public async Task AStudyOfAnObjectiveTheSilosDoNotRegisterIsRefusedAndRunsNothing()
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 1, slots: 1);

        var refusal = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Cluster.Client.RunStudyAsync(
            new Unregistered(), new ClusterStudyOptions { Name = "unregistered", Trials = 3, FailoverTimeout = TimeSpan.FromSeconds(5) }));

        Assert.Contains("Elsewhere.NotRegistered", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("registered", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Storage.GetStudiesAsync(CancellationToken.None)); // nothing was created, let alone run
    }

    /// <summary>An objective the caller knows and no silo registers: its id is all that travels, and it names nothing a silo runs.</summary>
    private sealed class Unregistered : IRegisteredObjective
    {
        public string Id => "Elsewhere.NotRegistered";

        public string Name => "NotRegistered";

        public Direction Direction => Direction.Minimize;

        public SearchSpace Space => throw new NotSupportedException();

        public BudgetRange? Budget => null;

        public string DecodeToJson(ReadOnlySpan<double> point) => throw new NotSupportedException();

        public ValueTask<double> InvokeJsonAsync(string parametersJson, TrialContext trial, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
