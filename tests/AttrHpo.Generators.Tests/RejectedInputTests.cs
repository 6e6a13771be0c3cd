namespace AttrHpo.Generators.Tests;

/// <summary>
/// Input the generator cannot make a working objective of. Where the containing type allows it, the generator emits the
/// objective's shape only (record and entry point, no shim, no registration) so that user code compiles and the analyzers'
/// AHPO errors are what the build shows; where it does not, it emits nothing and reports the AHPO diagnostic itself.
/// </summary>
public sealed class RejectedInputTests
{
    [Theory]
    [InlineData("public partial struct C { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // instance method of a struct
    [InlineData("public partial class C { [ObjectiveFactory] public static C Make(int n) => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // factory takes a parameter
    [InlineData("public partial class C { [ObjectiveFactory] public static C A() => new(); [ObjectiveFactory] public static C B() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // two factories
    [InlineData("public static partial class C { [Objective] public static string M([Hyperparameter(0.0, 1.0)] double x) => \"\"; }")] // unsupported return
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(1.0, 0.0)] double x) => x; }")] // low > high
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 1.0, Log = true)] double x) => x; }")] // log with low 0
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.5, 2.5)] int x) => x; }")] // fractional bounds on an int
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(\"a\", \"a\")] string x) => 0; }")] // duplicate choice
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.5, 1.5, 2.5)] int x) => x; }")] // real choices on an int
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter] double x) => x; }")] // bare on a double
    [InlineData("public static partial class C { [Objective] public static double M(double x) => x; }")] // not a hyperparameter
    [InlineData("public static partial class C { [Objective] public static double M([Budget(1, 9)] int a, [Budget(1, 9)] int b) => a; }")] // two budgets
    [InlineData("public static partial class C { [Objective] public static double M([Budget(0, 9)] int a) => a; }")] // budget min < 1
    [InlineData("public static partial class C { [Objective] public static double M<T>([Hyperparameter(0.0, 1.0)] double x) => x; }")] // generic
    [InlineData("public static partial class C { [Objective] private static double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // private
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 1.0, Step = 1e-30)] double x) => x; }")] // too many grid values
    public void Objectives_with_mistakes_generate_their_shape_only_and_still_compile(string declaration)
    {
        var source = "using AttrHpo;\nnamespace Demo;\n" + declaration;
        var (generated, output, diagnostics) = GeneratorHarness.RunWithDiagnostics(source);

        Assert.Empty(diagnostics);
        var file = Assert.Single(generated).Value;
        Assert.DoesNotContain("RegisteredObjective", file, StringComparison.Ordinal);
        Assert.DoesNotContain("class Shim", file, StringComparison.Ordinal);
        Assert.Contains("has mistakes in its annotations", file, StringComparison.Ordinal);
        Assert.Equal(string.Empty, GeneratorHarness.Problems(output));
    }

    [Fact]
    public void User_code_that_uses_the_generated_types_compiles_despite_the_mistake()
    {
        var (_, output, _) = GeneratorHarness.RunWithDiagnostics("""
            using AttrHpo;
            namespace Demo;
            public static partial class C
            {
                [Objective] public static double M([Hyperparameter(1.0, 0.0)] double rate, [Hyperparameter("a", "a")] string kind) => rate;
                public static double Use(C.MParameters p) => p.Rate + p.Kind.Length + C.MStudy.Create().Objective.Space.Count;
            }
            """);

        Assert.Equal(string.Empty, GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData("public static class C { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }", "AHPO034")]
    [InlineData("public static partial class C<T> { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }", "AHPO035")]
    [InlineData("public partial interface I { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }", "AHPO035")]
    [InlineData("public static partial class O { private static partial class C { [Objective] internal static double M([Hyperparameter(0.0, 1.0)] double x) => x; } }", "AHPO033")]
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; [Objective] public static double M([Hyperparameter(0.0, 1.0)] float x) => x; }", "AHPO036")]
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; public sealed class MParameters { } }", "AHPO037")]
    public void Objectives_that_cannot_be_placed_generate_nothing_and_the_generator_says_why(string declaration, string id)
    {
        var source = "using AttrHpo;\nnamespace Demo;\n" + declaration;
        var (generated, _, diagnostics) = GeneratorHarness.RunWithDiagnostics(source);

        Assert.Empty(generated);
        var diagnostic = Assert.Single(diagnostics.DistinctBy(d => d.Id));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("Input0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.StartsWith("Objective", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), StringComparison.Ordinal);
        Assert.StartsWith("https://", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_objective_beside_an_invalid_one_is_still_registered()
    {
        var (generated, _) = GeneratorHarness.Run("""
            using AttrHpo;
            namespace Demo;
            public static partial class C
            {
                [Objective] public static double Good([Hyperparameter(0.0, 1.0)] double x) => x;
                [Objective] public static double Bad([Hyperparameter(1.0, 0.0)] double x) => x;
            }
            """);

        Assert.Contains("RegisteredObjective", generated["Demo.C.Good.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("RegisteredObjective", generated["Demo.C.Bad.g.cs"], StringComparison.Ordinal);
    }
}
