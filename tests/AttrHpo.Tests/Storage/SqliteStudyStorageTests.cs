using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>The storage contract on a SQLite file of the test's own, deleted after it.</summary>
public sealed class SqliteStudyStorageTests : StudyStorageContract
{
    private readonly TempStudyFile _file = new();

    protected override IStudyStorage CreateStorage() => StudyStorage.Sqlite(_file.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}
