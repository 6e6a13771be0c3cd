using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tool.Tests;

/// <summary>Reading never changes a storage; a missing file, another program's file and a locked file fail with their exit codes.</summary>
public sealed class StorageSafetyTests(StudyFileFixture fixture) : IClassFixture<StudyFileFixture>
{
    [Fact]
    public async Task ReadCommandsLeaveTheFileAsItWas()
    {
        var folder = fixture.NewFolder();
        var file = Path.Combine(folder, "copy.db");
        File.Copy(fixture.File, file);
        var before = SHA256.HashData(File.ReadAllBytes(file));

        string[][] commands =
        [
            ["studies", "-s", file],
            ["trials", "-s", file, "--study", StudyFileFixture.Pruned],
            ["best", "-s", file, "--study", StudyFileFixture.Pruned],
            ["plot", "history", "-s", file, "--study", StudyFileFixture.Pruned, "--out", Path.Combine(folder, "h.svg")],
            ["export", "-s", file, "--study", StudyFileFixture.Pruned, "--out", Path.Combine(folder, "e.json")],
        ];
        foreach (var command in commands)
        {
            var (code, _, error) = await Tool.RunAsync(command);
            Assert.True(code == 0, $"{string.Join(' ', command)}: {error}");
        }

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));
        Assert.True(!File.Exists(file + "-wal") || new FileInfo(file + "-wal").Length == 0, "a reader wrote to the write-ahead log");
    }

    [Theory]
    [InlineData("studies")]
    [InlineData("trials")]
    [InlineData("best")]
    public async Task AMissingFileIsNotFoundAndNotCreated(string command)
    {
        var file = Path.Combine(fixture.NewFolder(), "missing.db");

        var (code, _, error) = await Tool.RunAsync(command == "studies" ? [command, "--storage", file] : [command, "--storage", file, "--study", "x"]);

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains($"The storage file '{file}' does not exist", error, StringComparison.Ordinal);
        Assert.Contains("Check the path", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task AFileOfAnotherProgramIsRefusedAndLeftAlone()
    {
        var file = Path.Combine(fixture.NewFolder(), "other.db");
        await File.WriteAllTextAsync(file, "not a database at all, but long enough to have a header of a hundred bytes if it were one........");
        var before = await File.ReadAllBytesAsync(file);

        var (code, _, error) = await Tool.RunAsync("studies", "--storage", file);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("not a SQLite database", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task AnEmptyDatabaseHasNoStudiesToRead()
    {
        var file = Path.Combine(fixture.NewFolder(), "empty.db");
        await File.WriteAllBytesAsync(file, []);

        var (code, _, error) = await Tool.RunAsync("studies", "--storage", file);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("holds no AttrHpo studies", error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(file).Length);
    }

    [Fact]
    public async Task ALockedFileIsUnavailableAndTheMessageSaysWhatToDo()
    {
        var file = Path.Combine(fixture.NewFolder(), "locked.db");
        File.Copy(fixture.File, file);
        using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            // Exclusive locking in WAL mode keeps the file locked against every other connection, readers included.
            command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE studies SET version = version; ";
            command.ExecuteNonQuery();
        }

        var (code, _, error) = await Tool.RunAsync("studies", "--storage", file, "--timeout", "0.5");

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("stayed locked by other processes", error, StringComparison.Ordinal);
        Assert.Contains("--timeout", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachablePostgreSqlServerIsUnavailable()
    {
        // Port 1 on the loopback: nothing listens, so every connection is refused at once, and retried until --timeout.
        var (code, output, error) = await Tool.RunAsync("studies", "--storage", "postgresql://nobody@127.0.0.1:1/none", "--timeout", "1");

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Empty(output);
        Assert.Contains("127.0.0.1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadOnlySqliteStorageReadsButNeverWrites()
    {
        var folder = fixture.NewFolder();
        var file = Path.Combine(folder, "copy.db");
        File.Copy(fixture.File, file);
        var before = SHA256.HashData(File.ReadAllBytes(file));
        await using var storage = StudyStorage.Sqlite(file, new SqliteStudyStorageOptions { ReadOnly = true });

        Assert.Equal(2, (await storage.GetStudiesAsync(CancellationToken.None)).Count);
        Assert.NotEmpty((await storage.GetChangesAsync(StudyFileFixture.Pruned, 0, CancellationToken.None)).Trials);
        var lease = new TrialLease("w", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));
        var refused = await Assert.ThrowsAsync<StudyStorageException>(async () => await storage.StartTrialAsync(StudyFileFixture.Pruned, lease, 1000, CancellationToken.None));
        Assert.Contains("cannot be written", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));
    }

    [Fact]
    public async Task AReadOnlySqliteStorageNeverCreatesAFile()
    {
        var file = Path.Combine(fixture.NewFolder(), "none.db");
        await using var storage = StudyStorage.Sqlite(file, new SqliteStudyStorageOptions { ReadOnly = true });

        var missing = await Assert.ThrowsAsync<StudyStorageException>(async () => await storage.GetStudiesAsync(CancellationToken.None));

        Assert.IsType<FileNotFoundException>(missing.InnerException);
        Assert.False(File.Exists(file));
    }
}
