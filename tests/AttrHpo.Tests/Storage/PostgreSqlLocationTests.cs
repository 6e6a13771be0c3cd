using AttrHpo.Tests.Support;
using Npgsql;

namespace AttrHpo.Tests.Storage;

/// <summary>Where a PostgreSQL storage comes from, what it says when it cannot be used, and its schema's version.</summary>
public sealed class PostgreSqlLocationTests : IDisposable
{
    private readonly PostgresSchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Theory]
    [InlineData("postgresql://hpo:s3cret@db.example:6543/studies?search_path=team", "db.example", 6543, "studies", "hpo", "s3cret")]
    [InlineData("postgres://db.example/studies", "db.example", 5432, "studies", null, null)]
    [InlineData("Host=db.example;Database=studies;Username=hpo", "db.example", 5432, "studies", "hpo", null)]
    public void LocationsOpenPostgreSqlStorage(string location, string host, int port, string database, string? user, string? password)
    {
        using var storage = Assert.IsType<PostgreSqlStudyStorage>(StudyStorage.Open(location, PostgreSqlLocations.Opener));
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionStrings.Normalize(location));

        Assert.Equal((host, port, database, user, password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Contains(host, storage.Where, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", storage.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOpenerLeavesOtherLocationsAlone() => Assert.Null(PostgreSqlLocations.Opener.TryOpen("studies.db"));

    [Fact]
    public void ServiceContainersTakeAPostgreSqlLocation()
    {
        var options = new AttrHpoOptions().UsePostgreSql("Host=db.example;Database=studies");

        Assert.Equal("Host=db.example;Database=studies", options.Storage);
        Assert.Contains(PostgreSqlLocations.Opener, options.StorageOpeners);
        Assert.Throws<ArgumentException>(() => new AttrHpoOptions().UsePostgreSql("studies.db"));
    }

    [Fact]
    public async Task AFailureNamesTheServerButNeverThePassword()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Password = "not-the-Passw0rd" }.ConnectionString;
        await using var storage = StudyStorage.PostgreSql(wrong);

        var failure = await Assert.ThrowsAsync<StudyStorageException>(() => storage.OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None).AsTask());

        Assert.Contains(_schema.Name, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-Passw0rd", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchemaWrittenByANewerVersionIsRefusedUnchanged()
    {
        await using (var storage = StudyStorage.PostgreSql(_schema.ConnectionString))
        {
            await storage.OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None);
        }

        Assert.Equal(1, _schema.Count($"SELECT version FROM \"{_schema.Name}\".attrhpo_schema"));
        _schema.Execute($"UPDATE \"{_schema.Name}\".attrhpo_schema SET version = 99");
        await using var newer = StudyStorage.PostgreSql(_schema.ConnectionString);

        var refusal = await Assert.ThrowsAsync<StudyStorageException>(() => newer.OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None).AsTask());

        Assert.Contains("newer AttrHpo (schema 99", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(99, _schema.Count($"SELECT version FROM \"{_schema.Name}\".attrhpo_schema"));
        Assert.Equal(1, _schema.Count($"SELECT count(*) FROM \"{_schema.Name}\".studies"));
    }
}
