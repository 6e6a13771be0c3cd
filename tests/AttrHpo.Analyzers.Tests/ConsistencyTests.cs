using AttrHpo.Analyzers.Tests.Infrastructure;
using AttrHpo.Generators.Tests;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Tests;

/// <summary>
/// The generator and the analyzer must agree on what is valid. The generator refuses an objective silently (it emits the
/// shape only, so that user code compiles and the analyzer's errors are what the build shows) or reports the few ids only
/// it can. So: whenever the generator refuses an objective, the build must show an AHPO error; and an objective without
/// any AHPO error must get a working shim. A rule added to the generator without its analyzer twin fails here.
/// </summary>
public sealed class ConsistencyTests
{
    /// <summary>Every catalogue case, every rejected input of the generator tests, every snapshot case.</summary>
    public static TheoryData<string> Inputs =>
    [
        .. Catalogue.All.Select(c => "case: " + c.Name),
        .. RejectedInputs.All.Select((_, i) => "rejected: " + i),
        .. SnapshotCases.All.Keys.Select(k => "snapshot: " + k),
    ];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_refused_objective_always_comes_with_an_AHPO_error_and_an_objective_without_one_works(string input)
    {
        var result = await Pipeline.RunAsync(Source(input));
        var errors = result.All.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("AHPO", StringComparison.Ordinal)).ToList();

        if (result.Rejected)
        {
            Assert.True(errors.Count > 0, "The generator refused an objective, but no AHPO error says why:" + Environment.NewLine + result.Describe());
        }

        if (errors.Count == 0)
        {
            Assert.True(result.Shims == result.Objectives, "No AHPO error, yet not every objective got a working shim:" + Environment.NewLine + result.Describe());
        }

        if (input.StartsWith("rejected", StringComparison.Ordinal))
        {
            Assert.True(result.Rejected, "The generator tests call this input rejected, but every objective got a shim:" + Environment.NewLine + result.Describe());
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task The_generator_never_breaks_the_build_and_the_analyzer_never_looks_at_generated_code(string input)
    {
        var result = await Pipeline.RunAsync(Source(input));

        Assert.True(result.CompilerErrors.IsEmpty, string.Join(Environment.NewLine, result.CompilerErrors) + Environment.NewLine + result.Describe());
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("AHPO", d.Id, StringComparison.Ordinal)); // no CS8785: the generator did not throw
        Assert.All(result.AnalyzerDiagnostics, d => Assert.StartsWith("AHPO", d.Id, StringComparison.Ordinal)); // no AD0001: the analyzer did not throw
        Assert.All(result.All, d => Assert.Equal(Pipeline.Path, d.Location.GetLineSpan().Path));
    }

    /// <summary>
    /// Hyperparameter names whose record properties would not compile: the generator refuses them with AHPO039 rather
    /// than emitting code that fails (these were bugs once).
    /// </summary>
    [Theory]
    [InlineData("[Objective] public static double M([Hyperparameter(0.0, 1.0)] double x, [Hyperparameter(0.0, 1.0)] double X) => 0;")] // both become property X
    [InlineData("[Objective] public static double M([Hyperparameter(0.0, 1.0)] double equalityContract) => 0;")] // property EqualityContract clashes with the record's own: CS0102
    [InlineData("[Objective] public static double M([Hyperparameter(0.0, 1.0)] double mParameters) => 0;")] // property MParameters in record MParameters: CS0542
    public async Task Property_names_that_would_not_compile_are_refused_with_an_error(string members)
    {
        var result = await Pipeline.RunAsync(Sources.Members(members));

        Assert.True(result.CompilerErrors.IsEmpty || result.All.Any(d => d.Severity == DiagnosticSeverity.Error), result.Describe());
    }

    /// <summary>Containers and methods no code can be written for: nothing is emitted and an AHPO error says why (these were bugs once).</summary>
    [Theory]
    [InlineData("file static partial class F { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // generated 'partial class F' is another type: CS0117
    [InlineData("public interface I { static abstract double M(double x); } public partial class D : I { [Objective] static double I.M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // AHPO033 is reported, but the shape is emitted with the name 'Demo.I.M': syntax errors hide it
    public async Task Containers_and_methods_the_generator_cannot_write_code_for_are_refused_with_an_error(string declarations)
    {
        var result = await Pipeline.RunAsync(Sources.Prelude + declarations);

        Assert.Contains(result.All, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("AHPO", StringComparison.Ordinal));
        Assert.True(result.CompilerErrors.IsEmpty, string.Join(Environment.NewLine, result.CompilerErrors) + Environment.NewLine + result.Describe());
    }

    private static string Source(string input)
    {
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        var key = input.Substring(colon + 2);
        return input.Substring(0, colon) switch
        {
            "case" => Catalogue.Get(key).Source,
            "snapshot" => SnapshotCases.All[key],
            _ => RejectedInputs.All[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
        };
    }
}
