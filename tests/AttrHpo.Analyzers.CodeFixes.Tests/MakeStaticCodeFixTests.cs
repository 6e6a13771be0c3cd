namespace AttrHpo.Analyzers.CodeFixes.Tests;

public sealed class MakeStaticCodeFixTests
{
    [Fact]
    public Task Makes_an_instance_objective_of_a_struct_static() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, MakeStaticCodeFix>(
        "public partial struct S { [{|AHPO032:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
        "public partial struct S { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }");

    [Fact]
    public Task Puts_static_after_the_accessibility_and_before_async() => FixVerifier.VerifyAsync<ObjectiveAnalyzer, MakeStaticCodeFix>(
        """
        public partial record struct S
        {
            [{|AHPO032:Objective|}]
            internal async System.Threading.Tasks.Task<double> M([Hyperparameter(0.0, 1.0)] double x)
            {
                await System.Threading.Tasks.Task.Yield();
                return x;
            }
        }
        """,
        """
        public partial record struct S
        {
            [Objective]
            internal static async System.Threading.Tasks.Task<double> M([Hyperparameter(0.0, 1.0)] double x)
            {
                await System.Threading.Tasks.Task.Yield();
                return x;
            }
        }
        """);
}
