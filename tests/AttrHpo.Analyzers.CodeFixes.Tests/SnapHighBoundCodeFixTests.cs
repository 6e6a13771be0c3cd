namespace AttrHpo.Analyzers.CodeFixes.Tests;

public sealed class SnapHighBoundCodeFixTests
{
    [Fact]
    public Task Snaps_an_integer_high_bound_to_the_last_step() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SnapHighBoundCodeFix>(
        "public static partial class C { [Objective] public static double M([{|AHPO004:Hyperparameter(16, 130, Step = 16)|}] int units) => units; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(16, 128, Step = 16)] int units) => units; }");

    [Fact]
    public Task Snaps_a_real_high_bound_exactly_and_invariantly() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SnapHighBoundCodeFix>(
        "public static partial class C { [Objective] public static double M([{|AHPO004:Hyperparameter(0.1, 0.95, Step = 0.2)|}] double p) => p; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(0.1, 0.9, Step = 0.2)] double p) => p; }");

    [Fact]
    public Task Writes_a_whole_real_bound_as_a_real_literal() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SnapHighBoundCodeFix>(
        "public static partial class C { [Objective] public static double M([{|AHPO004:Hyperparameter(0.0, 10.5, Step = 2.5)|}] double p) => p; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 10.0, Step = 2.5)] double p) => p; }");

    [Fact]
    public Task Snaps_negative_ranges() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, SnapHighBoundCodeFix>(
        "public static partial class C { [Objective] public static double M([{|AHPO004:Hyperparameter(-20, -3, Step = 5)|}] long x) => x; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(-20, -5, Step = 5)] long x) => x; }");
}
