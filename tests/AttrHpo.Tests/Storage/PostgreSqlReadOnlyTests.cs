using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// <see cref="PostgreSqlStudyStorageOptions.ReadOnly"/>: a database without AttrHpo's tables is not given them and holds no
/// studies; one with them is read, and never written.
/// </summary>
public sealed class PostgreSqlReadOnlyTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly PostgresSchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task ADatabaseWithoutTheTablesHoldsNoStudiesAndIsNotGivenThem()
    {
        await using var storage = ReadOnly();

        Assert.Empty(await storage.GetStudiesAsync(None));
        var error = await Assert.ThrowsAsync<StudyStorageException>(() => storage.GetChangesAsync("s", 0, None).AsTask());
        Assert.Contains("holds no AttrHpo studies", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StudyStorageException>(() => storage.OpenStudyAsync(PostgreSqlWorkers.Identity, None).AsTask());
        Assert.Equal(0, Tables());
    }

    [Fact]
    public async Task ADatabaseWithStudiesIsReadAndNeverWritten()
    {
        await using var reader = ReadOnly();
        Assert.Empty(await reader.GetStudiesAsync(None)); // before the tables exist
        await using (var writer = StudyStorage.PostgreSql(_schema.ConnectionString))
        {
            await writer.OpenStudyAsync(PostgreSqlWorkers.Identity, None);
            await writer.StartTrialAsync(PostgreSqlWorkers.Study, new TrialLease("w", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1)), 10, None);
        }

        Assert.Equal([PostgreSqlWorkers.Study], (await reader.GetStudiesAsync(None)).Select(s => s.Name)); // the same storage sees them once they exist
        Assert.Single((await reader.GetChangesAsync(PostgreSqlWorkers.Study, 0, None)).Trials);
        await Assert.ThrowsAsync<StudyStorageException>(() =>
            reader.StartTrialAsync(PostgreSqlWorkers.Study, new TrialLease("r", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1)), 10, None).AsTask());
        Assert.Single((await reader.GetChangesAsync(PostgreSqlWorkers.Study, 0, None)).Trials);
    }

    private PostgreSqlStudyStorage ReadOnly() => new(_schema.ConnectionString, new PostgreSqlStudyStorageOptions { ReadOnly = true });

    private long Tables() => _schema.Count($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema.Name}'");
}
