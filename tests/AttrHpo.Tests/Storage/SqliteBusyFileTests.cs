using AttrHpo.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// Another program holding the file's write lock: an operation waits it out, and only when it holds the lock past
/// <see cref="SqliteStudyStorageOptions.BusyTimeout"/> does the operation fail, with an error that says why, having written nothing.
/// </summary>
public sealed class SqliteBusyFileTests : IDisposable
{
    private static readonly StudyIdentity Identity = new("s", "Tests.Objective", Direction.Minimize);
    private static readonly TrialLease Lease = new("w", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(30));
    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task AnOperationWaitsWhileAnotherProgramHoldsTheWriteLockAndThenSucceeds()
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        using var holder = HoldWriteLock();

        var start = storage.StartTrialAsync(Identity.Name, Lease, 10, CancellationToken.None).AsTask();
        var raced = await Task.WhenAny(start, Task.Delay(300));
        Execute(holder, "COMMIT");
        var trial = await start;

        Assert.NotSame(start, raced); // it was still waiting for the lock when the other program let go
        Assert.Equal(0, trial?.Number);
    }

    [Fact]
    public async Task AnOperationThatCannotGetTheLockWithinTheBusyTimeoutFailsClearlyAndWritesNothing()
    {
        await using (var setup = StudyStorage.Sqlite(_file.Path))
        {
            await setup.OpenStudyAsync(Identity, CancellationToken.None);
        }

        await using var storage = StudyStorage.Sqlite(_file.Path, new SqliteStudyStorageOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        StudyStorageException error;
        using (var holder = HoldWriteLock())
        {
            error = await Assert.ThrowsAsync<StudyStorageException>(() => storage.StartTrialAsync(Identity.Name, Lease, 10, CancellationToken.None).AsTask());
            Execute(holder, "ROLLBACK");
        }

        Assert.Contains($"The study file '{_file.Path}' stayed locked by other processes for more than 0.2 s (SqliteStudyStorageOptions.BusyTimeout)", error.Message);
        Assert.Contains("wrote nothing", error.Message);
        Assert.Empty((await storage.GetChangesAsync(Identity.Name, 0, CancellationToken.None)).Trials);
        Assert.Equal(0, (await storage.StartTrialAsync(Identity.Name, Lease, 10, CancellationToken.None))?.Number); // usable again
    }

    [Fact]
    public async Task ACancelledWaitForTheLockThrowsOperationCanceledAndWritesNothing()
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        using (var holder = HoldWriteLock())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.StartTrialAsync(Identity.Name, Lease, 10, cancel.Token).AsTask());
            Execute(holder, "ROLLBACK");
        }

        Assert.Empty((await storage.GetChangesAsync(Identity.Name, 0, CancellationToken.None)).Trials);
    }

    /// <summary>A connection of "another program" that has taken the file's write lock and keeps it until it commits or rolls back.</summary>
    private SqliteConnection HoldWriteLock()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        Execute(connection, "BEGIN IMMEDIATE");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
