using AttrHpo.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// A study file left by a process that died while SQLite copied its write-ahead log into the file (a checkpoint) is shorter
/// than its header says until the log is copied again. SQLite recovers it from the log; AttrHpo must open it, not refuse it
/// as truncated. The same holds for a file another process is checkpointing at the moment this one opens it.
/// </summary>
public sealed class SqliteCrashedFileTests : IDisposable
{
    private static readonly StudyIdentity Identity = new("s", "Tests.Objective", Direction.Minimize);
    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task AFileWhoseCheckpointWasInterruptedIsRecoveredFromItsLogWithEveryTrial()
    {
        await RunTrialsAsync(count: 3);
        var sizeBefore = new FileInfo(_file.Path).Length;

        // Grow the file through the log, copy the log aside, and let a checkpoint write the file out in full...
        byte[] log;
        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA wal_autocheckpoint = 0");
            Execute(connection, "BEGIN; " + string.Concat(Enumerable.Range(0, 50).Select(i => $"INSERT INTO reports VALUES (1, 0, {i}, {i}, randomblob(2000)); ")) + "COMMIT;");
            Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
            log = await File.ReadAllBytesAsync(_file.Path + "-wal");
        }

        // ...then put the file back as a checkpoint killed after the header page would leave it: header new, tail missing.
        var fullSize = new FileInfo(_file.Path).Length;
        Assert.True(fullSize > sizeBefore + (10 * 4096), $"the file should have grown by many pages ({sizeBefore} -> {fullSize} bytes)");
        await using (var stream = new FileStream(_file.Path, FileMode.Open))
        {
            stream.SetLength(sizeBefore);
        }

        await File.WriteAllBytesAsync(_file.Path + "-wal", log);

        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await storage.OpenStudyAsync(Identity, CancellationToken.None);
            var trials = (await storage.GetChangesAsync(Identity.Name, 0, CancellationToken.None)).Trials;
            Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
            Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
            Assert.Equal(3, (await storage.StartTrialAsync(Identity.Name, new TrialLease("w", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1)), 10, CancellationToken.None))!.Number);
        }

        Assert.True(new FileInfo(_file.Path).Length >= fullSize, "closing the storage should have completed the checkpoint");
        using var check = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*) FROM reports WHERE study_id = 1 AND number = 0";
        Assert.Equal(50L, command.ExecuteScalar());
    }

    private async Task RunTrialsAsync(int count)
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < count; i++)
        {
            var trial = await storage.StartTrialAsync(Identity.Name, new TrialLease("w", now, now.AddSeconds(1)), count, CancellationToken.None);
            await storage.FinishTrialAsync(Identity.Name, trial!.Number, new TrialEnd(TrialState.Complete, i, null, now, []), CancellationToken.None);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
