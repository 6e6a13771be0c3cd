namespace AttrHpo.Analyzers.CodeFixes.Tests;

public sealed class RemoveDuplicateChoiceCodeFixTests
{
    [Fact]
    public Task Removes_the_repeated_choice() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, RemoveDuplicateChoiceCodeFix>(
        "public static partial class C { [Objective] public static double M([Hyperparameter(\"adam\", \"sgd\", {|AHPO011:\"adam\"|})] string opt) => 0; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(\"adam\", \"sgd\")] string opt) => 0; }");

    [Fact]
    public Task Removes_a_repeated_choice_in_the_middle_and_keeps_the_commas_right() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, RemoveDuplicateChoiceCodeFix>(
        "public static partial class C { [Objective] public static double M([Hyperparameter(16, 32, {|AHPO011:16|}, 64)] int batch) => batch; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(16, 32, 64)] int batch) => batch; }");

    [Fact]
    public Task Removes_every_repeat_at_once() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, RemoveDuplicateChoiceCodeFix>(
        "public static partial class C { [Objective] public static double M([Hyperparameter(\"a\", {|AHPO011:\"a\"|}, \"b\", {|AHPO011:\"a\"|})] string k) => 0; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(\"a\", \"b\")] string k) => 0; }");
}
