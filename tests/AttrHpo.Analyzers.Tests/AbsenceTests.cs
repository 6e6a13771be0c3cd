using AttrHpo.Analyzers.Tests.Infrastructure;
using AttrHpo.Generators.Tests;

namespace AttrHpo.Analyzers.Tests;

/// <summary>The generator tests' valid objectives (<see cref="SnapshotCases"/>, one source of truth) produce no diagnostic at all.</summary>
public sealed class AbsenceTests
{
    public static TheoryData<string> Snapshots => [.. SnapshotCases.All.Keys];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public Task The_analyzer_reports_nothing_for_a_valid_objective(string snapshot) =>
        AnalyzerVerifier.VerifyAsync(new Case(snapshot, SnapshotCases.All[snapshot])); // no markup in these sources: nothing expected

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Neither_the_generator_nor_the_analyzer_reports_anything_after_generation(string snapshot)
    {
        var result = await Pipeline.RunAsync(SnapshotCases.All[snapshot]);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.AnalyzerDiagnostics);
        Assert.Empty(result.CompilerErrors);
        Assert.Equal(result.Objectives, result.Shims);
    }
}
