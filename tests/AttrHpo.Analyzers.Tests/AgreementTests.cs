using AttrHpo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Tests;

/// <summary>
/// The generator and the analyzers decide validity with the same shared rules (analyzers/AttrHpo.Annotations.Rules), so for
/// every annotation the generator emits a search space exactly when the analyzers report no error. Each row also says which
/// way it must go, so that a table the two agreed on wrongly (both refusing everything, say) fails too.
/// </summary>
public sealed class AgreementTests
{
    /// <summary>Parameter lists of <c>C.M</c>, and whether the annotations are valid.</summary>
    public static TheoryData<string, bool> ParameterLists => new()
    {
        // Real ranges.
        { "[Hyperparameter(0.0, 1.0)] double x", true },
        { "[Hyperparameter(1e-5, 1e-1, Log = true)] double x", true },
        { "[Hyperparameter(0.0, 1.0, Step = 0.25)] double x", true },
        { "[Hyperparameter(0.0, 1.0, Step = 0.3)] double x", true }, // AHPO004 is a warning
        { "[Hyperparameter(0.0, 1.0, Step = 1.0)] double x", true },
        { "[Hyperparameter(0.0, 1.0)] double x = 2.0", true }, // AHPO050 is a warning
        { "[Hyperparameter(1.0, 1.00000000001)] double x", true },
        { "[Hyperparameter(0.0, 3.0, Step = 1e-18)] double x", true }, // 3E+18 values: under the cap
        { "[Hyperparameter(0.0, 5.0, Step = 1e-18)] double x", false }, // 5E+18 values: over the cap
        { "[Hyperparameter(0.0, 1.0, Step = 1e-30)] double x", false },
        { "[Hyperparameter(1.0, 1.0)] double x", false },
        { "[Hyperparameter(1.0, 0.0)] double x", false },
        { "[Hyperparameter(double.NaN, 1.0)] double x", false },
        { "[Hyperparameter(0.0, double.PositiveInfinity)] double x", false },
        { "[Hyperparameter(0.0, 1.0, Log = true)] double x", false },
        { "[Hyperparameter(-1.0, 1.0, Log = true)] double x", false },
        { "[Hyperparameter(0.0, 1.0, Step = -0.1)] double x", false },
        { "[Hyperparameter(0.0, 1.0, Step = 0)] double x", false }, // written out, 0 is a mistake, not "continuous"
        { "[Hyperparameter(0.0, 1.0, Step = double.NaN)] double x", false },
        { "[Hyperparameter(0.0, 1.0, Step = 2.0)] double x", false },
        { "[Hyperparameter(0.0, 1.0)] float x", true },
        { "[Hyperparameter(0.0, 1e39)] float x", false },
        { "[Hyperparameter(1.0, 1.00000000001)] float x", false }, // the same float
        { "[Hyperparameter(0.0, 1.0)] string x", false },
        { "[Hyperparameter(0.0, 1.0)] decimal x", false },

        // Integer ranges.
        { "[Hyperparameter(1, 10)] int x", true },
        { "[Hyperparameter(1, 10, Log = true)] int x", true },
        { "[Hyperparameter(1.0, 10.0)] int x", true }, // whole reals count
        { "[Hyperparameter(0, 3000000000)] long x", true },
        { "[Hyperparameter(0, 10, Step = 2)] int x", true },
        { "[Hyperparameter(0, 10, Step = 3)] int x", true }, // AHPO004 is a warning
        { "[Hyperparameter(0, 10)] int x = 20", true }, // AHPO050 is a warning
        { "[Hyperparameter(0, 10, Log = true)] int x", false },
        { "[Hyperparameter(0.5, 2.5)] int x", false },
        { "[Hyperparameter(0, 3000000000)] int x", false },
        { "[Hyperparameter(10, 1)] long x", false },
        { "[Hyperparameter(5, 5)] int x", false },
        { "[Hyperparameter(0, 10, Step = 0.5)] int x", false },
        { "[Hyperparameter(0, 10, Step = 20)] int x", false },
        { "[Hyperparameter(0, 10, Step = -2)] int x", false },
        { "[Hyperparameter(0, 10, Step = 0)] int x", false },

        // Listed choices.
        { "[Hyperparameter(\"a\", \"b\")] string x", true },
        { "[Hyperparameter(\"a\")] string x", true },
        { "[Hyperparameter(\"a\", \"b\")] string x = \"c\"", true }, // AHPO050 is a warning
        { "[Hyperparameter(1, 2, 3)] int x", true },
        { "[Hyperparameter(1, 2, 3)] double x", true },
        { "[Hyperparameter(0.1f, 0.2f, 0.3f)] float x", true },
        { "[Hyperparameter(true, false)] bool b", true },
        { "[Hyperparameter(Kernel.Linear, Kernel.Rbf)] Kernel k", true },
        { "[Hyperparameter(\"a\", \"a\")] string x", false },
        { "[Hyperparameter(1.0, 1.0, 2.0)] double x", false },
        { "[Hyperparameter(1, 1L, 2)] long x", false }, // the same long, written two ways
        { "[Hyperparameter(new object[0])] string x", false },
        { "[Hyperparameter(0.5, 1.5, 2.5)] int x", false },
        { "[Hyperparameter(1e39, 1.0, 2.0)] float x", false },
        { "[Hyperparameter(Kernel.Linear, Kernel.Linear)] Kernel k", false },
        { "[Hyperparameter(Kernel.Linear, Color.Red)] Kernel k", false },
        { "[Hyperparameter(\"a\", null)] string x", false },
        { "[Hyperparameter(1, 2, 3)] decimal x", false },

        // Every value of a bool or an enum.
        { "[Hyperparameter] bool b", true },
        { "[Hyperparameter] Kernel k", true },
        { "[Hyperparameter] Nothing n", false },
        { "[Hyperparameter] double x", false },

        // Budgets.
        { "[Budget(1, 100)] int epochs", true },
        { "[Budget(1, 3000000000)] long epochs", true },
        { "[Budget(0, 100)] int epochs", false },
        { "[Budget(5, 5)] int epochs", false },
        { "[Budget(1, 3000000000)] int epochs", false },
        { "[Budget(1, 100)] double epochs", false },
        { "[Budget(1, 9)] int a, [Budget(1, 9)] int b", false },
        { "[Hyperparameter(0.0, 1.0)][Budget(1, 9)] int a", false },

        // What each parameter is for.
        { "TrialContext context, CancellationToken token, [Hyperparameter(0.0, 1.0)] double x", true },
        { "ILGPU.Runtime.Accelerator accelerator, [Hyperparameter(0.0, 1.0)] double x", true },
        { "ILGPU.Runtime.Accelerator a, ILGPU.Runtime.Accelerator b", false },
        { "GpuDevice device, ILGPU.Runtime.Accelerator accelerator, [Hyperparameter(0.0, 1.0)] double x", true },
        { "GpuDevice a, GpuDevice b", false },
        { "double x", false },
        { "[Hyperparameter(0.0, 1.0)] ref double x", false },
    };

    /// <summary>Whole objective methods inside a non-static <c>C</c>, and whether they are valid.</summary>
    public static TheoryData<string, bool> Methods => new()
    {
        { "[Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x;", true },
        { "[Objective] internal static Task<double> M([Hyperparameter(0.0, 1.0)] double x) => Task.FromResult(x);", true },
        { "[Objective] public static ValueTask<long> M([Hyperparameter(1, 9)] long x) => new(x);", true },
        { "[Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", true }, // an instance objective of a partial class
        { "[Objective] public async Task<double> M([Hyperparameter(0.0, 1.0)] double x, CancellationToken token) { await Task.Yield(); return x; }", true },
        { "[ObjectiveFactory] public static C Make() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", true },
        { "[ObjectiveFactory] public static C Make(int n) => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", false },
        { "[ObjectiveFactory] public C Make() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", false },
        { "[ObjectiveFactory] internal static object Make() => new C(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", false },
        { "[ObjectiveFactory] private static C Make() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", false },
        { "[ObjectiveFactory] public static C A() => new(); [ObjectiveFactory] public static C B() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", false },
        { "[ObjectiveFactory] public static C Make() => new(); [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x;", true }, // AHPO062 is a warning
        { "[Objective] public static string M([Hyperparameter(0.0, 1.0)] double x) => \"\";", false },
        { "[Objective] public static Task M([Hyperparameter(0.0, 1.0)] double x) => Task.CompletedTask;", false },
        { "[Objective] private static double M([Hyperparameter(0.0, 1.0)] double x) => x;", false },
        { "[Objective] public static double M<T>([Hyperparameter(0.0, 1.0)] double x) => x;", false },
    };

    [Theory]
    [InlineData("public partial struct S { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }", false)]
    [InlineData("public partial record struct S { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }", false)]
    [InlineData("public partial record R(double Scale) { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => Scale * x; }", true)]
    [InlineData("public abstract partial class A { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => Score(x); protected abstract double Score(double x); }", true)]
    public async Task The_generator_emits_a_space_exactly_when_the_analyzer_reports_no_error_for_containers(string declaration, bool valid) =>
        AssertAgreement(await Pipeline.RunAsync(Sources.Prelude + declaration + "\n"), valid);

    [Theory]
    [MemberData(nameof(ParameterLists))]
    public async Task The_generator_emits_a_space_exactly_when_the_analyzer_reports_no_error_for_parameters(string parameters, bool valid) =>
        AssertAgreement(await Pipeline.RunAsync(Sources.Parameters(parameters)), valid);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task The_generator_emits_a_space_exactly_when_the_analyzer_reports_no_error_for_methods(string method, bool valid) =>
        AssertAgreement(await Pipeline.RunAsync(Sources.Prelude + "public partial class C\n{\n    " + method + "\n}\n"), valid);

    private static void AssertAgreement(BuildResult result, bool valid)
    {
        var errors = result.All.Count(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("AHPO", StringComparison.Ordinal));
        var file = Assert.Single(result.Generated).Value; // the shape at least: the rules here never stop the generator placing code
        var emitsSpace = file.Contains("new global::AttrHpo.SearchSpace(", StringComparison.Ordinal) && result.Shims == 1;

        Assert.True(emitsSpace == (errors == 0), $"The generator {(emitsSpace ? "emitted" : "did not emit")} a space, and the analyzer reported {errors} errors:" + Environment.NewLine + result.Describe());
        Assert.True(valid == (errors == 0), $"Expected {(valid ? "no" : "an")} AHPO error:" + Environment.NewLine + result.Describe());
        Assert.True(result.CompilerErrors.IsEmpty, string.Join(Environment.NewLine, result.CompilerErrors) + Environment.NewLine + result.Describe());
    }
}
