namespace AttrHpo.Generators.Tests;

/// <summary>Input the generator cannot emit valid code for produces no code (the analyzers say why) and never crashes the build.</summary>
public sealed class RejectedInputTests
{
    [Theory]
    [InlineData("public static class C { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // not partial
    [InlineData("public partial class C { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // instance method
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
    [InlineData("public static partial class C<T> { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }")] // generic container
    [InlineData("public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; [Objective] public static double M([Hyperparameter(0.0, 1.0)] float x) => x; }")] // overloads collide
    public void Invalid_objectives_generate_nothing(string declaration)
    {
        var (generated, _) = GeneratorHarness.Run("using AttrHpo;\nnamespace Demo;\n" + declaration);

        Assert.Empty(generated);
    }

    [Fact]
    public void A_valid_objective_beside_an_invalid_one_is_still_generated()
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

        Assert.Equal(["Demo.C.Good.g.cs"], generated.Keys);
    }
}
