using AttrHpo.Tests.Support;
using Npgsql;

namespace AttrHpo.Tests.Storage;

/// <summary>What only a server shows: many connections claiming trials at once, and connections ended mid-transaction.</summary>
public sealed class PostgreSqlServerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly PostgresSchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task ConnectionsClaimingAtOnceNeverShareATrialNorPassTheBudget()
    {
        const int Budget = 60;
        var storages = Enumerable.Range(0, 8).Select(_ => StudyStorage.PostgreSql(_schema.ConnectionString)).ToList();
        try
        {
            await storages[0].OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None);
            for (var i = 0; i < 10; i++)
            {
                await storages[0].EnqueueTrialAsync(PostgreSqlWorkers.Study, [0.5], "{\"x\":0.5}", CancellationToken.None);
            }

            using var cancel = new CancellationTokenSource(Timeout);
            using var start = new Barrier(storages.Count);
            var workers = storages.Select((storage, i) => Task.Run(async () =>
            {
                await storage.OpenStudyAsync(PostgreSqlWorkers.Identity, cancel.Token);
                start.SignalAndWait(cancel.Token);
                return await PostgreSqlWorkers.RunAsync(storage, $"w{i}", Budget, TimeSpan.FromMinutes(5), TimeSpan.Zero, cancel.Token);
            }));
            var claimed = (await Task.WhenAll(workers)).SelectMany(c => c).ToList();

            Assert.Equal(Enumerable.Range(0, Budget), claimed.Order()); // each trial claimed once, none over the budget
            Assert.Null(await storages[0].StartTrialAsync(
                PostgreSqlWorkers.Study, new TrialLease("late", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1)), Budget, CancellationToken.None));
            await PostgreSqlWorkers.AssertCompleteAsync(storages[0], Budget);
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AConnectionEndedMidTransactionLosesNothing()
    {
        await using var storage = StudyStorage.PostgreSql(_schema.ConnectionString);
        await storage.OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None);
        var lease = new TrialLease("w", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));
        var first = await storage.StartTrialAsync(PostgreSqlWorkers.Study, lease, 10, CancellationToken.None);

        // Another process's write, half done: it holds the study's row and has inserted a trial it never commits.
        await using var victim = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_schema.ServerConnectionString) { SearchPath = _schema.Name }.ConnectionString);
        await victim.OpenAsync();
        await using var transaction = await victim.BeginTransactionAsync();
        await using (var write = new NpgsqlCommand(
            "UPDATE studies SET version = version + 1; INSERT INTO trials (study_id, number, state, point, parameters, seed, worker, starts, version) " +
            "SELECT id, 1, 'Running', '[]', '', 0, 'victim', 1, version FROM studies",
            victim,
            transaction))
        {
            await write.ExecuteNonQueryAsync();
        }

        // This storage's start waits for the row, mid-transaction; its connection is ended there, and it starts again.
        var second = storage.StartTrialAsync(PostgreSqlWorkers.Study, lease, 10, CancellationToken.None).AsTask();
        await WaitForLockWaitAsync(_schema.Name);
        Assert.True(_schema.TerminateStorageConnections() >= 1);
        await WaitForLockWaitAsync(_schema.Name);
        Assert.False(second.IsCompleted);

        // The half-done write's connection is ended: nothing of it stays, and the waiting start goes on.
        Assert.Equal(1, _schema.Count($"SELECT count(*) FILTER (WHERE pg_terminate_backend({victim.ProcessID}))"));
        var started = await second.WaitAsync(Timeout);

        Assert.Equal(1, started!.Number);
        Assert.Equal("w", started.Worker);
        var trials = (await storage.GetChangesAsync(PostgreSqlWorkers.Study, 0, CancellationToken.None)).Trials;
        Assert.Equal([(first!.Number, "w"), (1, "w")], trials.Select(t => (t.Number, t.Worker)));
    }

    [Fact]
    public async Task AStudyWhoseConnectionsAreEndedAgainAndAgainCompletesItsBudgetExactly()
    {
        const int Budget = 40;
        await using var storage = StudyStorage.PostgreSql(_schema.ConnectionString);
        await storage.OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None);
        using var cancel = new CancellationTokenSource(Timeout);
        var workers = Enumerable.Range(0, 4)
            .Select(i => Task.Run(() => PostgreSqlWorkers.RunAsync(storage, $"w{i}", Budget, TimeSpan.FromSeconds(2), TimeSpan.Zero, cancel.Token)))
            .ToList();

        var ended = 0L;
        for (var round = 0; round < 15 && !workers.All(w => w.IsCompleted); round++)
        {
            await Task.Delay(40);
            ended += _schema.TerminateStorageConnections();
        }

        await Task.WhenAll(workers);
        Assert.True(ended > 0, "no connection was ended while the study ran");
        await PostgreSqlWorkers.AssertCompleteAsync(storage, Budget);
    }

    /// <summary>Waits until a backend of the storages on <paramref name="schema"/> waits for a lock.</summary>
    private async Task WaitForLockWaitAsync(string schema)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (_schema.Count(
            $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{schema}' AND wait_event_type = 'Lock'") < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the storage never waited for the study's row");
            await Task.Delay(10);
        }
    }
}
