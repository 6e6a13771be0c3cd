namespace AttrHpo.Analyzers.CodeFixes.Tests;

public sealed class SwapBoundsCodeFixTests
{
    [Fact]
    public Task Swaps_reversed_real_bounds() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SwapBoundsCodeFix>(
        "public static partial class C { [Objective] public static double M([{|AHPO001:Hyperparameter(1e-1, 1e-5)|}] double lr) => lr; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(1e-5, 1e-1)] double lr) => lr; }");

    [Fact]
    public Task Keeps_named_arguments_and_negative_bounds() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SwapBoundsCodeFix>(
        "public static partial class C { [Objective] public static double M([{|AHPO001:Hyperparameter(10, -10, Step = 5)|}] int x) => x; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(-10, 10, Step = 5)] int x) => x; }");

    [Fact]
    public Task Fixes_every_reversed_range_at_once() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SwapBoundsCodeFix>(
        """
        public static partial class C
        {
            [Objective]
            public static double M([{|AHPO001:Hyperparameter(1.0, 0.0)|}] double a, [{|AHPO001:Hyperparameter(9, 1)|}] long b) => a + b;
        }
        """,
        """
        public static partial class C
        {
            [Objective]
            public static double M([Hyperparameter(0.0, 1.0)] double a, [Hyperparameter(1, 9)] long b) => a + b;
        }
        """);
}
