namespace AttrHpo.Tests.Storage;

/// <summary>The storage contract, in memory.</summary>
public sealed class InMemoryStudyStorageTests : StudyStorageContract
{
    protected override IStudyStorage CreateStorage() => new InMemoryStudyStorage();
}
