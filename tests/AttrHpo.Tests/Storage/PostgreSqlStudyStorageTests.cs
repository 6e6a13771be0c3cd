using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>The storage contract on a PostgreSQL schema of the test's own, dropped after it.</summary>
public sealed class PostgreSqlStudyStorageTests : StudyStorageContract
{
    private readonly PostgresSchema _schema = new();

    protected override IStudyStorage CreateStorage() => StudyStorage.PostgreSql(_schema.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _schema.Dispose();
    }
}
