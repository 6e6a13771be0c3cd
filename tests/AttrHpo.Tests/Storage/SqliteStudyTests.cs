using AttrHpo.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tests.Storage;

/// <summary>Studies on a SQLite file: run, closed, reopened by a new storage object, continued; shared; durable.</summary>
public sealed class SqliteStudyTests : IDisposable
{
    private static readonly TestObjective Objective = new(async (p, t, ct) =>
    {
        await Task.Yield();
        t.Report(1, p.LearningRate);
        t.Report(2, double.NaN);
        return p.LearningRate + p.Layers;
    });

    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task AStudyReopenedOnTheSameFileContinuesItsBudgetAndFeedsTheSamplerItsHistory()
    {
        IReadOnlyList<Trial<TestParameters>> before;
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            before = (await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 5 }).OptimizeAsync(6, parallelism: 2)).Trials;
        }

        Assert.Empty(_file.ExistingCompanions); // closed for real: the next run starts from the file alone
        var sampler = new CountingSampler();
        StudyResult<TestParameters> after;
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            after = await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 5, Sampler = sampler }).OptimizeAsync(trials: 4);
        }

        Assert.Equal(Enumerable.Range(0, 10), after.Trials.Select(t => t.Number));
        Assert.Equal(10, after.Count(TrialState.Complete));
        Assert.Equal([6, 7, 8, 9], sampler.Calls.Select(c => c.TrialNumber)); // only the four new trials were sampled
        Assert.Equal([6, 7, 8, 9], sampler.Calls.Select(c => c.Completed)); // each saw every trial completed before it
        for (var n = 0; n < 6; n++)
        {
            Assert.Equal(before[n].Parameters, after.Trials[n].Parameters);
            Assert.Equal(before[n].Value, after.Trials[n].Value);
            Assert.Equal(before[n].Record.Finished, after.Trials[n].Record.Finished);
        }
    }

    [Fact]
    public async Task AContinuedStudyRunsTheTrialsAFreshOneWouldAcrossARestart()
    {
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 11 }).OptimizeAsync(7, parallelism: 3);
        }

        StudyResult<TestParameters> continued;
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            continued = await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 11 }).OptimizeAsync(trials: 8, parallelism: 3);
        }

        var fresh = await Study.Create(Objective, new StudyOptions { Seed = 11 }).OptimizeAsync(15);
        Assert.Equal(fresh.Trials.Select(t => t.Parameters), continued.Trials.Select(t => t.Parameters));
        Assert.Equal(fresh.Trials.Select(t => t.Record.Seed), continued.Trials.Select(t => t.Record.Seed));
        Assert.Equal(fresh.Trials.Select(t => t.Value), continued.Trials.Select(t => t.Value));
        Assert.Equal(fresh.Best.Number, continued.Best.Number);
    }

    [Fact]
    public async Task ReportsAndValuesOfAStudyAreInTheFileWhenItReturns()
    {
        StudyResult<TestParameters> result;
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            result = await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 2 }).OptimizeAsync(8, parallelism: 4);
        }

        await using var reopened = StudyStorage.Sqlite(_file.Path);
        await reopened.OpenStudyAsync(new StudyIdentity(Objective.Id, Objective.Id, Objective.Direction), CancellationToken.None);
        var stored = (await reopened.GetChangesAsync(Objective.Id, 0, CancellationToken.None)).Trials;
        Assert.Equal(8, stored.Count);
        Assert.All(stored, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(result.Trials.Select(t => t.Value), stored.Select(t => t.Value));
        Assert.All(stored, t => Assert.Equal(2, t.Reports.Count));
        Assert.All(stored, t => Assert.True(double.IsNaN(t.Reports[1].Value)));
    }

    [Fact]
    public async Task TwoStorageObjectsOnOneFileShareAStudysBudgetExactly()
    {
        await using var first = StudyStorage.Sqlite(_file.Path);
        await using var second = StudyStorage.Sqlite(_file.Path);
        // The first four trials wait until four are running: one study runs at most three at once, so both have started,
        // and neither can run all 40 trials before the other begins, however loaded the machine.
        var running = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TestObjective(async (p, _, ct) =>
        {
            var order = Interlocked.Increment(ref running);
            if (order == 4)
            {
                bothStarted.TrySetResult();
            }

            if (order <= 4)
            {
                await bothStarted.Task.WaitAsync(ct);
            }

            await Task.Delay(5, ct);
            return p.Dropout;
        });

        await Task.WhenAll(
            Study.Create(slow, new StudyOptions { Storage = first, Seed = 1 }).OptimizeAsync(StopCondition.TotalTrials(40), parallelism: 3),
            Study.Create(slow, new StudyOptions { Storage = second, Seed = 1 }).OptimizeAsync(StopCondition.TotalTrials(40), parallelism: 3));

        var all = (await second.GetChangesAsync(slow.Id, 0, CancellationToken.None)).Trials;
        Assert.Equal(Enumerable.Range(0, 40), all.Select(t => t.Number));
        Assert.All(all, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(all, t => Assert.Equal(1, t.Starts));
        Assert.Equal(2, all.Select(t => t.Worker).Distinct().Count());
    }

    [Fact]
    public async Task ATrialLeftRunningInTheFileByADeadWorkerIsRunAgainOnceItsLeaseExpires()
    {
        var identity = new StudyIdentity(Objective.Id, Objective.Id, Objective.Direction);
        var point = new double[] { 0.5, 0.5, 0.5, 0.5 };
        await using (var dead = StudyStorage.Sqlite(_file.Path))
        {
            var now = DateTimeOffset.UtcNow;
            await dead.OpenStudyAsync(identity, CancellationToken.None);
            var started = await dead.StartTrialAsync(identity.Name, new TrialLease("dead-worker", now.AddMinutes(-2), now.AddMinutes(-1)), 3, CancellationToken.None);
            await dead.SetParametersAsync(identity.Name, started!.Number, point, Objective.DecodeToJson(point), 1, CancellationToken.None);
        }

        await using var storage = StudyStorage.Sqlite(_file.Path);
        var result = await Study.Create(Objective, new StudyOptions { Storage = storage }).OptimizeAsync(trials: 3);

        var rerun = result.Trials.Single(t => t.Number == 0);
        Assert.Equal(TrialState.Complete, rerun.State);
        Assert.Equal(2, rerun.Record.Starts);
        Assert.Equal(Objective.Decode(point), rerun.Parameters);
        Assert.Equal(3, result.Count(TrialState.Complete));
    }

    [Fact]
    public async Task TheFileIsInWriteAheadLogModeAndRecordsItsSchemaVersion()
    {
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(Objective, new StudyOptions { Storage = storage }).OptimizeAsync(2);
        }

        using var connection = new SqliteConnection($"Data Source={_file.Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT version FROM attrhpo_schema";
        Assert.Equal(3L, command.ExecuteScalar());
    }

    [Fact]
    public async Task AFileOfSchemaOneIsUpgradedWithItsTrialsKept()
    {
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 3 }).OptimizeAsync(3);
        }

        // What AttrHpo 0.1's first schema looked like: no sampler locks.
        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "DROP INDEX studies_by_version_of; ALTER TABLE studies DROP COLUMN version_of; ALTER TABLE studies DROP COLUMN version_number; " +
                "DROP TABLE sampler_locks; ALTER TABLE studies DROP COLUMN space; UPDATE attrhpo_schema SET version = 1";
            command.ExecuteNonQuery();
        }

        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            var result = await Study.Create(Objective, new StudyOptions { Storage = storage, Seed = 3 }).OptimizeAsync(trials: 2);
            Assert.Equal(5, result.Count(TrialState.Complete));
            Assert.Equal([0, 1, 2, 3, 4], result.Trials.Select(t => t.Number));
        }

        using var check = new SqliteConnection($"Data Source={_file.Path};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT version FROM attrhpo_schema";
        Assert.Equal(3L, read.ExecuteScalar());
        read.CommandText = "SELECT count(*) FROM sampler_locks";
        Assert.Equal(0L, read.ExecuteScalar()); // released after each suggestion
    }

    [Fact]
    public async Task WhatStudyStorageOpenReturnsIsDisposedWithAwaitUsing()
    {
        await using (var storage = StudyStorage.Open("sqlite:" + _file.Path, SqliteLocations.Opener))
        {
            await Study.Create(Objective, new StudyOptions { Storage = storage }).OptimizeAsync(2);
            Assert.NotEmpty(_file.ExistingCompanions); // the write-ahead log, while the file is open
        }

        Assert.Empty(_file.ExistingCompanions); // closed: the log folded into the file
        await using var memory = StudyStorage.Open("memory:");
    }

    [Fact]
    public void TheStorageLocationStringOpensSqliteFiles()
    {
        Assert.IsType<SqliteStudyStorage>(StudyStorage.Open("sqlite:" + _file.Path, SqliteLocations.Opener));
        Assert.Equal(_file.Path, Assert.IsType<SqliteStudyStorage>(StudyStorage.Open(_file.Path, SqliteLocations.Opener)).Path);
        Assert.IsType<InMemoryStudyStorage>(StudyStorage.Open("memory:"));
        var error = Assert.Throws<ArgumentException>(() => StudyStorage.Open("postgres://db", SqliteLocations.Opener));
        Assert.Contains("'sqlite:PATH'", error.Message);
        var withoutSqlite = Assert.Throws<ArgumentException>(() => StudyStorage.Open(_file.Path));
        Assert.Contains("AttrHpo.Sqlite", withoutSqlite.Message);
        Assert.False(File.Exists(_file.Path));
    }

    /// <summary>Random search that records, for each trial it proposes, the trial number and how many completed trials it was shown.</summary>
    private sealed class CountingSampler : ISampler
    {
        private readonly RandomSampler _random = new();

        public List<(int TrialNumber, int Completed)> Calls { get; } = [];

        public double[] Suggest(SamplingContext context)
        {
            lock (Calls)
            {
                Calls.Add((context.TrialNumber, context.Completed.Count));
            }

            return _random.Suggest(context);
        }
    }
}
