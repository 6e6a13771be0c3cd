namespace AttrHpo.Generators.Tests;

/// <summary>
/// No cycles between the folders of a package: a folder that uses another's types is never used back, directly or through
/// others, so each folder can be read knowing only those below it. A subfolder counts as a folder of its own.
/// </summary>
public sealed class FolderCycleTests
{
    public static TheoryData<string> Packages() =>
        [.. Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "src")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Packages))]
    public void NoFolderOfAPackageUsesOneThatUsesItBack(string package)
    {
        var cycles = FolderGraph.Of(Path.Combine(RepositoryRoot.Path, "src", package)).Cycles();

        Assert.True(cycles.Count == 0, $"{package} has folder cycles: {string.Join(" | ", cycles)}");
    }

    [Fact]
    public void TheCoreHasFoldersThatUseEachOther()
    {
        var graph = FolderGraph.Of(Path.Combine(RepositoryRoot.Path, "src", "AttrHpo"));

        // The check above would pass on a graph it failed to read; the core's studies do use its storage.
        Assert.Empty(graph.Cycles());
        Assert.Contains("IStudyStorage", graph.TypesUsed("Studies", "Storage"));
    }

    [Fact]
    public void ACycleThroughThreeFoldersIsFoundAndNamedWithItsTypes()
    {
        var graph = FolderGraph.Of(("Studies", "Storage", "IStudyStorage"), ("Storage", "Trials", "TrialRecord"), ("Trials", "Studies", "StudyOptions"), ("Studies", "Spaces", "SearchSpace"));

        var cycle = Assert.Single(graph.Cycles());

        Assert.Contains("Trials -> Studies (StudyOptions)", cycle, StringComparison.Ordinal);
        Assert.Contains("Storage -> Trials (TrialRecord)", cycle, StringComparison.Ordinal);
        Assert.DoesNotContain("Spaces", cycle, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldersThatUseEachOtherOnlyOneWayHaveNoCycle() =>
        Assert.Empty(FolderGraph.Of(("Studies", "Storage", "IStudyStorage"), ("Studies", "Trials", "Trial"), ("Storage", "Trials", "TrialRecord")).Cycles());
}
