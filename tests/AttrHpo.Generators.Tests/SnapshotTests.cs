namespace AttrHpo.Generators.Tests;

public sealed class SnapshotTests
{
    public static TheoryData<string> Cases => [.. SnapshotCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_matches_the_approved_snapshot_and_compiles_cleanly(string name)
    {
        var (generated, output) = GeneratorHarness.Run(SnapshotCases.All[name]);

        var file = Assert.Single(generated);
        Snapshot.Match(name, file.Value);
        Assert.Equal(string.Empty, GeneratorHarness.Problems(output));
    }
}
