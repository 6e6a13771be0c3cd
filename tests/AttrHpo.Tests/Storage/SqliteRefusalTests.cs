using AttrHpo.Tests.Support;
using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// Files that are not AttrHpo study files this version reads are refused with an error that names the file and says nothing
/// was changed, and they are left byte for byte as they were, with no -wal or -shm file beside them.
/// </summary>
public sealed class SqliteRefusalTests : IDisposable
{
    private static readonly StudyIdentity Identity = new("s", "Tests.Objective", Direction.Minimize);
    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task ATextFileIsRefused()
    {
        await File.WriteAllTextAsync(_file.Path, "learning_rate,loss\n0.01,0.3\n");

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("it is not a SQLite database", error.Message);
    }

    [Fact]
    public async Task RandomBytesAreRefused()
    {
        var bytes = new byte[8192];
        new Random(4).NextBytes(bytes);
        await File.WriteAllBytesAsync(_file.Path, bytes);

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("it is not a SQLite database", error.Message);
    }

    [Fact]
    public async Task ASqliteHeaderFollowedByGarbageIsRefusedAsCorrupt()
    {
        await CreateStudyFileAsync(trials: 5);
        var bytes = await File.ReadAllBytesAsync(_file.Path);
        new Random(5).NextBytes(bytes.AsSpan(100));
        await File.WriteAllBytesAsync(_file.Path, bytes);

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("it is corrupt or not a database", error.Message);
    }

    [Fact]
    public async Task ATruncatedStudyFileIsRefused()
    {
        await CreateStudyFileAsync(trials: 200);
        var length = new FileInfo(_file.Path).Length;
        Assert.True(length > 8 * 4096, $"the study file should span many pages, but has {length} bytes");
        await using (var stream = new FileStream(_file.Path, FileMode.Open))
        {
            stream.SetLength(length / 2);
        }

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("it is truncated", error.Message);
    }

    [Fact]
    public async Task AnotherProgramsDatabaseIsRefused()
    {
        Execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("is a SQLite database but not an AttrHpo study file (its tables: customers)", error.Message);
    }

    [Fact]
    public async Task AFileOfANewerSchemaIsRefusedWithAnAdviceToUpgrade()
    {
        await CreateStudyFileAsync(trials: 3);
        Execute("UPDATE attrhpo_schema SET version = 4");

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("was written by a newer AttrHpo (schema 4; this version reads 3): upgrade AttrHpo", error.Message);
    }

    [Theory]
    [InlineData("DELETE FROM attrhpo_schema", "0 row(s)")]
    [InlineData("INSERT INTO attrhpo_schema VALUES (1, 'twice')", "2 row(s)")]
    [InlineData("UPDATE attrhpo_schema SET version = 'one'", "1 row(s)")]
    public async Task AFileWithoutOneValidSchemaVersionRowIsRefused(string damage, string rows)
    {
        await CreateStudyFileAsync(trials: 3);
        Execute(damage);

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains($"its schema version is missing or invalid ({rows} in attrhpo_schema)", error.Message);
    }

    [Fact]
    public async Task AStudyFileMissingATableIsRefused()
    {
        await CreateStudyFileAsync(trials: 3);
        Execute("DROP TABLE reports");

        var error = await AssertRefusedUnchangedAsync();

        Assert.Contains("tables of its schema are missing (reports)", error.Message);
    }

    [Fact]
    public async Task AFileInAMissingFolderIsNotCreatedAndTheErrorSaysWhy()
    {
        var path = Path.Combine(_file.Folder, "no-such-folder", "study.db");
        await using var storage = StudyStorage.Sqlite(path);

        var error = await Assert.ThrowsAsync<StudyStorageException>(() => storage.OpenStudyAsync(Identity, CancellationToken.None).AsTask());

        Assert.Contains($"Cannot open or create the study file '{path}'", error.Message);
        Assert.Contains("Check that its folder exists", error.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task AReadOnlyStudyFileCanBeReadButAWriteSaysTheFileCannotBeWritten()
    {
        await CreateStudyFileAsync(trials: 3);
        using var readOnly = ReadOnlyFile.Make(_file.Path);
        var before = await File.ReadAllBytesAsync(_file.Path);
        await using var storage = StudyStorage.Sqlite(_file.Path);

        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        var trials = await storage.GetChangesAsync(Identity.Name, 0, CancellationToken.None);
        var error = await Assert.ThrowsAsync<StudyStorageException>(() =>
            storage.StartTrialAsync(Identity.Name, new TrialLease("w", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1)), 10, CancellationToken.None).AsTask());

        Assert.Equal(3, trials.Trials.Count);
        Assert.Contains($"The study file '{_file.Path}' cannot be written", error.Message);
        Assert.Contains("Make it and its folder writable", error.Message);
        await storage.DisposeAsync();
        Assert.Equal(before, await File.ReadAllBytesAsync(_file.Path));
    }

    /// <summary>Opens the file as a storage, expects a refusal, and checks that the file is exactly as it was, alone in its folder.</summary>
    private async Task<StudyStorageException> AssertRefusedUnchangedAsync()
    {
        var before = await File.ReadAllBytesAsync(_file.Path);
        Assert.Empty(_file.ExistingCompanions);

        StudyStorageException error;
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            error = await Assert.ThrowsAsync<StudyStorageException>(() => storage.OpenStudyAsync(Identity, CancellationToken.None).AsTask());

            // A second attempt is refused the same way: nothing was half-opened by the first.
            var again = await Assert.ThrowsAsync<StudyStorageException>(() => storage.GetChangesAsync(Identity.Name, 0, CancellationToken.None).AsTask());
            Assert.Equal(error.Message, again.Message);
        }

        Assert.Contains($"'{_file.Path}'", error.Message);
        Assert.Contains("Nothing in it was changed", error.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(_file.Path));
        Assert.Empty(_file.ExistingCompanions);
        return error;
    }

    /// <summary>A real study file with a study of <paramref name="trials"/> finished trials, closed (so that its log is folded in).</summary>
    private async Task CreateStudyFileAsync(int trials)
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < trials; i++)
        {
            var trial = await storage.StartTrialAsync(Identity.Name, new TrialLease("w", now, now.AddSeconds(30)), trials, CancellationToken.None);
            await storage.SetParametersAsync(Identity.Name, trial!.Number, [0.1 * i, 0.5], $$"""{"x":{{i}},"padding":"{{new string('p', 100)}}"}""", i, CancellationToken.None);
            await storage.FinishTrialAsync(Identity.Name, trial.Number, new TrialEnd(TrialState.Complete, i, null, now, [new(1, i)]), CancellationToken.None);
        }
    }

    /// <summary>Runs SQL on the file with a connection of the test's own, as another program would.</summary>
    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
