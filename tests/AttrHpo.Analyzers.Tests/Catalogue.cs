using AttrHpo.Analyzers.Tests.Infrastructure;
using static AttrHpo.Analyzers.Tests.Infrastructure.Sources;

namespace AttrHpo.Analyzers.Tests;

/// <summary>
/// Every AHPO diagnostic, with the variants of each rule: a source in markup marking the exact span of every diagnostic
/// it must produce, and the full messages. <see cref="DiagnosticTests"/> checks the analyzer and the generator against it,
/// <see cref="ConsistencyTests"/> checks that the two together never let a rejected objective through silently.
/// Cases without markup must produce no diagnostic at all.
/// </summary>
internal static class Catalogue
{
    public static IReadOnlyList<Case> All { get; } =
    [
        // ---- AHPO001: empty range ----
        new("AHPO001 real range, low above high",
            Parameters("[{|AHPO001:Hyperparameter(1.0, 0.0)|}] double x"),
            "The range [1, 0] of 'x' is empty: low must be smaller than high. Swap the bounds or correct them."),
        new("AHPO001 real range, negative bounds",
            Parameters("[{|AHPO001:Hyperparameter(-1.5, -2.5)|}] double x"),
            "The range [-1.5, -2.5] of 'x' is empty: low must be smaller than high. Swap the bounds or correct them."),
        new("AHPO001 float range, equal bounds",
            Parameters("[{|AHPO001:Hyperparameter(0.5, 0.5)|}] float x"),
            "The range [0.5, 0.5] of 'x' is empty: low must be smaller than high. Swap the bounds or correct them."),
        new("AHPO001 int range, low above high",
            Parameters("[{|AHPO001:Hyperparameter(10, -10)|}] int n"),
            "The range [10, -10] of 'n' is empty: low must be smaller than high. Swap the bounds or correct them."),
        new("AHPO001 long range, equal bounds",
            Parameters("[{|AHPO001:Hyperparameter(3L, 3L)|}] long n"),
            "The range [3, 3] of 'n' is empty: low must be smaller than high. Swap the bounds or correct them."),

        // ---- AHPO002: log scale with a low bound that is not positive ----
        new("AHPO002 real log range from 0",
            Parameters("[{|AHPO002:Hyperparameter(0.0, 1.0, Log = true)|}] double x"),
            "'x' is log-scaled, but its low bound 0 is not positive. Raise the low bound above 0 or remove Log = true."),
        new("AHPO002 real log range from a negative bound",
            Parameters("[{|AHPO002:Hyperparameter(-1.0, 1.0, Log = true)|}] float x"),
            "'x' is log-scaled, but its low bound -1 is not positive. Raise the low bound above 0 or remove Log = true."),
        new("AHPO002 int log range from 0",
            Parameters("[{|AHPO002:Hyperparameter(0, 100, Log = true)|}] int n"),
            "'n' is log-scaled, but its low bound 0 is not positive. Raise the low bound above 0 or remove Log = true."),

        // ---- AHPO003: invalid step ----
        new("AHPO003 negative real step",
            Parameters("[{|AHPO003:Hyperparameter(0.0, 1.0, Step = -0.1)|}] double x"),
            "The step -0.1 of 'x' is invalid: it must be positive. Use a positive step, or leave Step out for a continuous range."),
        new("AHPO003 NaN step",
            Parameters("[{|AHPO003:Hyperparameter(0.0, 1.0, Step = double.NaN)|}] double x"),
            "The step NaN of 'x' is invalid: it must be finite. Use a positive step, or leave Step out for a continuous range."),
        new("AHPO003 infinite step",
            Parameters("[{|AHPO003:Hyperparameter(0.0, 1.0, Step = double.PositiveInfinity)|}] double x"),
            "The step Infinity of 'x' is invalid: it must be finite. Use a positive step, or leave Step out for a continuous range."),
        new("AHPO003 step that makes too many values",
            Parameters("[{|AHPO003:Hyperparameter(0.0, 1.0, Step = 1e-30)|}] double x"),
            "The step 1E-30 of 'x' is invalid: it makes more than 4E+18 values. Use a larger step, or leave Step out for a continuous range."),
        new("AHPO003 zero int step written out",
            Parameters("[{|AHPO003:Hyperparameter(0, 10, Step = 0)|}] int n"),
            "The step 0 of 'n' is invalid: it must be positive. Use a positive step, or leave Step out for a continuous range."),
        new("AHPO003 zero real step written out",
            Parameters("[{|AHPO003:Hyperparameter(0.0, 1.0, Step = 0.0)|}] double x"),
            "The step 0 of 'x' is invalid: it must be positive. Use a positive step, or leave Step out for a continuous range."),
        new("AHPO003 negative int step",
            Parameters("[{|AHPO003:Hyperparameter(0, 10, Step = -2)|}] int n"),
            "The step -2 of 'n' is invalid: it must be positive. Use a positive step, or leave Step out for a continuous range."),

        // ---- AHPO004: the step misses the high bound (warning; the generator still emits a working objective) ----
        new("AHPO004 real step",
            Parameters("[{|AHPO004:Hyperparameter(0.0, 1.0, Step = 0.3)|}] double x"),
            "The step 0.3 of 'x' does not divide 1 - 0: the largest reachable value is 0.9, not 1. Set the high bound to 0.9."),
        new("AHPO004 real step, negative bounds",
            Parameters("[{|AHPO004:Hyperparameter(-1.0, 0.0, Step = 0.3)|}] float x"),
            "The step 0.3 of 'x' does not divide 0 - -1: the largest reachable value is -0.1, not 0. Set the high bound to -0.1."),
        new("AHPO004 int step",
            Parameters("[{|AHPO004:Hyperparameter(0, 10, Step = 3)|}] int n"),
            "The step 3 of 'n' does not divide 10 - 0: the largest reachable value is 9, not 10. Set the high bound to 9."),
        new("AHPO004 long step, negative bounds",
            Parameters("[{|AHPO004:Hyperparameter(-100L, -1L, Step = 10)|}] long n"),
            "The step 10 of 'n' does not divide -1 - -100: the largest reachable value is -10, not -1. Set the high bound to -10."),

        // ---- AHPO005: a bound or step the parameter's type cannot hold ----
        new("AHPO005 fractional bound on an int",
            Parameters("[{|AHPO005:Hyperparameter(0.5, 2.5)|}] int n"),
            "'n' is int, but the bound 0.5 is not a whole number. Use values that int can hold exactly."),
        new("AHPO005 fractional high bound on a long",
            Parameters("[{|AHPO005:Hyperparameter(0.0, 2.5)|}] long n"),
            "'n' is long, but the bound 2.5 is not a whole number. Use values that long can hold exactly."),
        new("AHPO005 bound above int's range",
            Parameters("[{|AHPO005:Hyperparameter(0L, 3000000000L)|}] int n"),
            "'n' is int, but the bound 3000000000 is outside int's range. Use values that int can hold exactly."),
        new("AHPO005 bound below int's range",
            Parameters("[{|AHPO005:Hyperparameter(-3000000000L, 0L)|}] int n"),
            "'n' is int, but the bound -3000000000 is outside int's range. Use values that int can hold exactly."),
        new("AHPO005 whole bound above long's range",
            Parameters("[{|AHPO005:Hyperparameter(0.0, 1e19)|}] long n"),
            "'n' is long, but the bound 1E+19 is outside long's range. Use values that long can hold exactly."),
        new("AHPO005 fractional step on an int",
            Parameters("[{|AHPO005:Hyperparameter(0, 10, Step = 0.5)|}] int n"),
            "'n' is int, but the step 0.5 is not a whole number. Use values that int can hold exactly."),
        new("AHPO005 whole step above long's range",
            Parameters("[{|AHPO005:Hyperparameter(0L, 10L, Step = 1e19)|}] long n"),
            "'n' is long, but the step 1E+19 is outside long's range. Use values that long can hold exactly."),
        new("AHPO005 float range that collapses to one float",
            Parameters("[{|AHPO005:Hyperparameter(1.0, 1.00000001)|}] float x"),
            "'x' is float, but the bounds 1 and 1.00000001 are the same float. Use values that float can hold exactly."),
        new("AHPO005 bound outside float's range",
            Parameters("[{|AHPO005:Hyperparameter(0.0, 1e39)|}] float x"),
            "'x' is float, but the bound 1E+39 is outside float's range. Use values that float can hold exactly."),
        new("AHPO005 infinite bound",
            Parameters("[{|AHPO005:Hyperparameter(0.0, double.PositiveInfinity)|}] double x"),
            "'x' is double, but the bound Infinity is not finite. Use values that double can hold exactly."),
        new("AHPO005 NaN bound",
            Parameters("[{|AHPO005:Hyperparameter(double.NaN, 1.0)|}] double x"),
            "'x' is double, but the bound NaN is not finite. Use values that double can hold exactly."),

        // ---- AHPO006: a range on a type that is not a number ----
        new("AHPO006 real range on a string",
            Parameters("[{|AHPO006:Hyperparameter(0.0, 1.0)|}] string s"),
            "A range needs a double, float, int or long parameter, but 's' is string. Change its type, or list the choices instead."),
        new("AHPO006 integer range on a decimal",
            Parameters("[{|AHPO006:Hyperparameter(0, 10)|}] decimal d"),
            "A range needs a double, float, int or long parameter, but 'd' is decimal. Change its type, or list the choices instead."),
        new("AHPO006 integer range on a short",
            Parameters("[{|AHPO006:Hyperparameter(1, 2)|}] short s"),
            "A range needs a double, float, int or long parameter, but 's' is short. Change its type, or list the choices instead."),

        // ---- AHPO010: no choices ----
        new("AHPO010 empty array of choices",
            Parameters("[{|AHPO010:Hyperparameter(new object[] { })|}] string s"),
            "'s' lists no choices. List at least one value."),
        new("AHPO010 null array of choices",
            Parameters("[{|AHPO010:Hyperparameter(null)|}] double x"),
            "'x' lists no choices. List at least one value."),

        // ---- AHPO011: a choice listed twice, reported at the duplicate ----
        new("AHPO011 duplicate string",
            Parameters("[Hyperparameter(\"a\", \"b\", {|AHPO011:\"a\"|})] string s"),
            "'s' lists the choice \"a\" more than once. Remove the duplicate."),
        new("AHPO011 duplicate of two strings",
            Parameters("[Hyperparameter(\"a\", {|AHPO011:\"a\"|})] string s"),
            "'s' lists the choice \"a\" more than once. Remove the duplicate."),
        new("AHPO011 the same number written twice",
            Parameters("[Hyperparameter(1, 2.0, {|AHPO011:1.0|})] double x"),
            "'x' lists the choice 1 more than once. Remove the duplicate."),
        new("AHPO011 two doubles that are the same float",
            Parameters("[Hyperparameter(0.1, 0.2, {|AHPO011:0.10000000001|})] float x"),
            "'x' lists the choice 0.10000000001 more than once. Remove the duplicate."),
        new("AHPO011 duplicate enum member",
            Parameters("[Hyperparameter(Kernel.Rbf, Kernel.Poly, {|AHPO011:Kernel.Rbf|})] Kernel kernel"),
            "'kernel' lists the choice Demo.Kernel.Rbf more than once. Remove the duplicate."),
        new("AHPO011 duplicate bool",
            Parameters("[Hyperparameter(true, false, {|AHPO011:true|})] bool flag"),
            "'flag' lists the choice true more than once. Remove the duplicate."),
        new("AHPO011 duplicate in an explicit array, reported at the attribute",
            Parameters("[{|AHPO011:Hyperparameter(new object[] { \"a\", \"a\" })|}] string s"),
            "'s' lists the choice \"a\" more than once. Remove the duplicate."),

        // ---- AHPO012: a choice that is not a value of the parameter's type, reported at the choice ----
        new("AHPO012 real choice on an int",
            Parameters("[Hyperparameter(1, 2, {|AHPO012:2.5|})] int n"),
            "The choice 2.5 cannot be a value of 'n', which is int. List values of type int."),
        new("AHPO012 every choice real on an int",
            Parameters("[Hyperparameter({|AHPO012:0.5|}, {|AHPO012:1.5|}, {|AHPO012:2.5|})] int n"),
            "The choice 0.5 cannot be a value of 'n', which is int. List values of type int.",
            "The choice 1.5 cannot be a value of 'n', which is int. List values of type int.",
            "The choice 2.5 cannot be a value of 'n', which is int. List values of type int."),
        new("AHPO012 string choice on a double",
            Parameters("[Hyperparameter(0.1, {|AHPO012:\"a\"|}, 0.3)] double x"),
            "The choice \"a\" cannot be a value of 'x', which is double. List values of type double."),
        new("AHPO012 member of another enum",
            Parameters("[Hyperparameter(Kernel.Rbf, {|AHPO012:Color.Red|})] Kernel kernel"),
            "The choice Demo.Color.Red cannot be a value of 'kernel', which is Demo.Kernel. List values of type Demo.Kernel."),
        new("AHPO012 enum values that no member has",
            Parameters("[Hyperparameter(Kernel.Rbf, {|AHPO012:(Kernel)3|}, {|AHPO012:(Kernel)(-3)|})] Kernel kernel"),
            "The choice (Demo.Kernel)3 cannot be a value of 'kernel', which is Demo.Kernel. List values of type Demo.Kernel.",
            "The choice (Demo.Kernel)-3 cannot be a value of 'kernel', which is Demo.Kernel. List values of type Demo.Kernel."),
        new("AHPO012 enum member on an int",
            Parameters("[Hyperparameter(1, 2, {|AHPO012:Kernel.Poly|})] int n"),
            "The choice Demo.Kernel.Poly cannot be a value of 'n', which is int. List values of type int."),
        new("AHPO012 number outside int's range",
            Parameters("[Hyperparameter(1, 2, {|AHPO012:3000000000|})] int n"),
            "The choice 3000000000 cannot be a value of 'n', which is int. List values of type int."),
        new("AHPO012 null choice",
            Parameters("[Hyperparameter(\"a\", {|AHPO012:null|})] string s"),
            "The choice null cannot be a value of 's', which is string. List values of type string."),
        new("AHPO012 string choice on a bool",
            Parameters("[Hyperparameter(true, {|AHPO012:\"false\"|})] bool flag"),
            "The choice \"false\" cannot be a value of 'flag', which is bool. List values of type bool."),
        new("AHPO012 NaN choice on a double",
            Parameters("[Hyperparameter(0.1, {|AHPO012:double.NaN|}, 0.3)] double x"),
            "The choice NaN cannot be a value of 'x', which is double. List values of type double."),

        // ---- AHPO013: [Hyperparameter] without arguments on a type that is neither bool nor enum ----
        new("AHPO013 bare on a double",
            Parameters("[{|AHPO013:Hyperparameter|}] double x"),
            "[Hyperparameter] without arguments takes every value of a bool or an enum, but 'x' is double. Give a range or list the choices."),
        new("AHPO013 empty argument list on a string",
            Parameters("[{|AHPO013:Hyperparameter()|}] string s"),
            "[Hyperparameter] without arguments takes every value of a bool or an enum, but 's' is string. Give a range or list the choices."),
        new("AHPO013 bare on a nullable bool",
            Parameters("[{|AHPO013:Hyperparameter|}] bool? flag"),
            "[Hyperparameter] without arguments takes every value of a bool or an enum, but 'flag' is bool?. Give a range or list the choices."),

        // ---- AHPO014: an enum without members ----
        new("AHPO014 bare on an empty enum",
            Parameters("[{|AHPO014:Hyperparameter|}] Nothing value"),
            "The enum Demo.Nothing has no members, so 'value' has nothing to choose. Add members to the enum, or change the parameter's type."),

        // ---- AHPO020: a parameter nothing can supply, reported at its name ----
        new("AHPO020 plain parameter",
            Parameters("double {|AHPO020:x|}"),
            "'x' is neither a hyperparameter, a budget, a TrialContext, a CancellationToken, a GpuDevice nor an ILGPU Accelerator, so a study cannot supply it. Add [Hyperparameter(...)] or [Budget(...)], or remove the parameter."),
        new("AHPO020 plain parameter beside a hyperparameter",
            Parameters("[Hyperparameter(0.0, 1.0)] double x, string {|AHPO020:label|}"),
            "'label' is neither a hyperparameter, a budget, a TrialContext, a CancellationToken, a GpuDevice nor an ILGPU Accelerator, so a study cannot supply it. Add [Hyperparameter(...)] or [Budget(...)], or remove the parameter."),
        new("AHPO020 look-alike attribute and TrialContext from another namespace",
            """
            using AttrHpo;
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Parameter)]
                public sealed class HyperparameterAttribute(double low, double high) : System.Attribute { }
                public sealed class TrialContext { }
            }
            namespace Demo
            {
                public static partial class C
                {
                    [Objective] public static double M([Other.Hyperparameter(0.0, 1.0)] double {|AHPO020:x|}, Other.TrialContext {|AHPO020:trial|}) => x;
                }
            }
            """,
            "'x' is neither a hyperparameter, a budget, a TrialContext, a CancellationToken, a GpuDevice nor an ILGPU Accelerator, so a study cannot supply it. Add [Hyperparameter(...)] or [Budget(...)], or remove the parameter.",
            "'trial' is neither a hyperparameter, a budget, a TrialContext, a CancellationToken, a GpuDevice nor an ILGPU Accelerator, so a study cannot supply it. Add [Hyperparameter(...)] or [Budget(...)], or remove the parameter."),

        // ---- AHPO021: choices of a type the runtime cannot search ----
        new("AHPO021 choices on a decimal",
            Parameters("[{|AHPO021:Hyperparameter(1, 2, 3)|}] decimal d"),
            "'d' is decimal, which the runtime cannot search. Use double, float, int, long, string, bool or an enum."),
        new("AHPO021 choices on a char",
            Parameters("[{|AHPO021:Hyperparameter('a', 'b', 'c')|}] char c"),
            "'c' is char, which the runtime cannot search. Use double, float, int, long, string, bool or an enum."),
        new("AHPO021 choices on an object",
            Parameters("[{|AHPO021:Hyperparameter(\"a\", \"b\")|}] object o"),
            "'o' is object, which the runtime cannot search. Use double, float, int, long, string, bool or an enum."),

        // ---- AHPO022: ref, out, in, params ----
        new("AHPO022 ref parameter",
            Parameters("[Hyperparameter(0.0, 1.0)] ref double {|AHPO022:x|}"),
            "'x' is a ref, out, in or params parameter. Objective parameters must be plain values."),
        new("AHPO022 out parameter",
            Members("[Objective] public static double M([Hyperparameter(0.0, 1.0)] out double {|AHPO022:x|}) { x = 0; return 0; }"),
            "'x' is a ref, out, in or params parameter. Objective parameters must be plain values."),
        new("AHPO022 in parameter",
            Parameters("[Hyperparameter(0.0, 1.0)] in double {|AHPO022:x|}"),
            "'x' is a ref, out, in or params parameter. Objective parameters must be plain values."),
        new("AHPO022 params parameter",
            Parameters("[{|AHPO021:Hyperparameter(\"a\", \"b\")|}] params string[] {|AHPO022:values|}"),
            "'values' is string[], which the runtime cannot search. Use double, float, int, long, string, bool or an enum.",
            "'values' is a ref, out, in or params parameter. Objective parameters must be plain values."),

        // ---- AHPO023: both a hyperparameter and the budget, reported at [Budget] ----
        new("AHPO023 hyperparameter and budget",
            Parameters("[Hyperparameter(1, 10)][{|AHPO023:Budget(1, 10)|}] int n"),
            "'n' is marked both [Hyperparameter] and [Budget]. Keep one."),

        // ---- AHPO024: annotations on a method that is not an objective (warning) ----
        new("AHPO024 hyperparameter without [Objective]",
            Members("public static double M([{|AHPO024:Hyperparameter(0.0, 1.0)|}] double x) => x;"),
            "[Hyperparameter] on 'x' has no effect because 'M' is not marked [Objective]. Add [Objective] to the method or remove the attribute."),
        new("AHPO024 budget and hyperparameter on an instance method without [Objective]",
            Prelude + "public class D { public double M([{|AHPO024:Budget(1, 9)|}] int n, [{|AHPO024:Hyperparameter|}] bool flag) => n; }",
            "[Budget] on 'n' has no effect because 'M' is not marked [Objective]. Add [Objective] to the method or remove the attribute.",
            "[Hyperparameter] on 'flag' has no effect because 'M' is not marked [Objective]. Add [Objective] to the method or remove the attribute."),
        new("AHPO024 both attributes on one parameter",
            Members("public static double M([{|AHPO024:Hyperparameter(1, 10)|}, {|AHPO024:Budget(1, 10)|}] int n) => n;"),
            "[Hyperparameter] on 'n' has no effect because 'M' is not marked [Objective]. Add [Objective] to the method or remove the attribute.",
            "[Budget] on 'n' has no effect because 'M' is not marked [Objective]. Add [Objective] to the method or remove the attribute."),

        new("AHPO024 record primary constructor",
            Prelude + "public sealed record R([{|AHPO024:Hyperparameter(0.0, 1.0)|}] double Rate);",
            "[Hyperparameter] on 'Rate' has no effect because 'R' is not marked [Objective]. Add [Objective] to the method or remove the attribute."),

        // ---- AHPO025: more than one Accelerator, reported at [Objective] ----
        new("AHPO025 two accelerators",
            Members("[{|AHPO025:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x, ILGPU.Runtime.Accelerator a, ILGPU.Runtime.Accelerator b) => x;"),
            "The objective 'M' has more than one ILGPU Accelerator parameter. Keep one: a trial leases one device."),
        new("AHPO025 two GPU devices",
            Members("[{|AHPO025:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x, GpuDevice a, ILGPU.Runtime.Accelerator accelerator, GpuDevice b) => x;"),
            "The objective 'M' has more than one GpuDevice parameter. Keep one: a trial leases one device."),

        // ---- AHPO030: unsupported return type, reported at the return type ----
        new("AHPO030 string return",
            Members("[Objective] public static {|AHPO030:string|} M([Hyperparameter(0.0, 1.0)] double x) => \"\";"),
            "The objective 'M' returns string. Return double, float, int or long, or a Task<T> or ValueTask<T> of one."),
        new("AHPO030 void return",
            Members("[Objective] public static {|AHPO030:void|} M([Hyperparameter(0.0, 1.0)] double x) { }"),
            "The objective 'M' returns void. Return double, float, int or long, or a Task<T> or ValueTask<T> of one."),
        new("AHPO030 non-generic Task",
            Members("[Objective] public static {|AHPO030:Task|} M([Hyperparameter(0.0, 1.0)] double x) => Task.CompletedTask;"),
            "The objective 'M' returns System.Threading.Tasks.Task. Return double, float, int or long, or a Task<T> or ValueTask<T> of one."),
        new("AHPO030 Task of a decimal",
            Members("[Objective(Direction.Maximize)] public static {|AHPO030:Task<decimal>|} M([Hyperparameter(0.0, 1.0)] double x) => Task.FromResult(0m);"),
            "The objective 'M' returns System.Threading.Tasks.Task<decimal>. Return double, float, int or long, or a Task<T> or ValueTask<T> of one."),
        new("AHPO030 nullable double",
            Members("[Objective] public static {|AHPO030:double?|} M([Hyperparameter(0.0, 1.0)] double x) => x;"),
            "The objective 'M' returns double?. Return double, float, int or long, or a Task<T> or ValueTask<T> of one."),

        // ---- AHPO031: generic method ----
        new("AHPO031 generic objective",
            Members("[{|AHPO031:Objective|}] public static double M<T>([Hyperparameter(0.0, 1.0)] double x) => x;"),
            "The objective 'M' is generic. Remove its type parameters; a study needs one concrete method."),

        // ---- AHPO032: instance method ----
        new("AHPO032 instance objective of a struct",
            Prelude + "public partial struct D { [{|AHPO032:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective 'M' is an instance method of the struct 'D'. Make it static, or move it to a partial class: a study would run every trial on a copy of the struct."),
        new("AHPO032 instance objective of a record struct",
            Prelude + "public partial record struct D { [{|AHPO032:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective 'M' is an instance method of the record struct 'D'. Make it static, or move it to a partial class: a study would run every trial on a copy of the record struct."),
        new("instance objective of a partial class, without a factory",
            Prelude + "public partial class D { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }"),
        new("instance objective of a partial record with a factory",
            Prelude + "public partial record D(double Scale) { [ObjectiveFactory] internal static D Load() => new(2.0); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => Scale * x; }"),

        // ---- AHPO033: not reachable from generated code; the method by the analyzer, a containing type by the generator ----
        new("AHPO033 private method",
            Members("[{|AHPO033:Objective|}] private static double M([Hyperparameter(0.0, 1.0)] double x) => x;"),
            "The objective 'M' cannot be reached from generated code because the method is private. Make it public or internal."),
        new("AHPO033 protected method",
            Prelude + "public partial class D { [{|AHPO033:Objective|}] protected static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective 'M' cannot be reached from generated code because the method is protected. Make it public or internal."),
        new("AHPO033 private protected method",
            Prelude + "public partial class D { [{|AHPO033:Objective|}] private protected static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective 'M' cannot be reached from generated code because the method is private protected. Make it public or internal."),
        new("AHPO033 private containing type (generator)",
            Prelude + "public static partial class O { private static partial class P { [{|generator.AHPO033:Objective|}] internal static double M([Hyperparameter(0.0, 1.0)] double x) => x; } }",
            "The objective 'M' cannot be reached from generated code because its containing type 'P' is private. Make it public or internal."),
        new("AHPO033 protected containing type (generator)",
            Prelude + "public partial class O { protected static partial class P { [{|generator.AHPO033:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; } }",
            "The objective 'M' cannot be reached from generated code because its containing type 'P' is protected. Make it public or internal."),

        // ---- AHPO034: containing type not partial (generator) ----
        new("AHPO034 class not partial",
            Prelude + "public static class C { [{|generator.AHPO034:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The type 'C' must be partial so that the generator can add MParameters and MStudy to it. Add the partial modifier."),
        new("AHPO034 outer class not partial",
            Prelude + "public static class O { public static partial class C { [{|generator.AHPO034:Objective|}] public static double Train([Hyperparameter(0.0, 1.0)] double x) => x; } }",
            "The type 'O' must be partial so that the generator can add TrainParameters and TrainStudy to it. Add the partial modifier."),

        // ---- AHPO035: generic type or interface (generator) ----
        new("AHPO035 generic class",
            Prelude + "public static partial class G<T> { [{|generator.AHPO035:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "'G' cannot hold an objective because it is generic. Move the method to a non-generic class or struct."),
        new("AHPO035 interface",
            Prelude + "public partial interface I { [{|generator.AHPO035:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "'I' cannot hold an objective because it is an interface. Move the method to a non-generic class or struct."),

        // ---- AHPO036: overloaded objectives (generator, at each) ----
        new("AHPO036 overloaded objectives",
            Members("""
                [{|generator.AHPO036:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x;
                    [{|generator.AHPO036:Objective(Direction.Maximize)|}] public static double M([Hyperparameter(0.0, 1.0)] float x) => x;
                """),
            "Two objectives share the stable id 'Demo.C.M'. Rename one of the 'M' methods.",
            "Two objectives share the stable id 'Demo.C.M'. Rename one of the 'M' methods."),

        // ---- AHPO037: a generated name is taken (generator) ----
        new("AHPO037 nested type named like the parameters record",
            Members("[{|generator.AHPO037:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; public sealed class MParameters { }"),
            "'C' already has a member named 'MParameters', which the generator adds for this objective. Rename that member or the method."),
        new("AHPO037 field named like the study class",
            Members("[{|generator.AHPO037:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; public static int MStudy;"),
            "'C' already has a member named 'MStudy', which the generator adds for this objective. Rename that member or the method."),

        // ---- AHPO038: not an ordinary method (analyzer) ----
        new("AHPO038 local function",
            Members("public static void Outer() { [{|AHPO038:Objective|}] static double Local([Hyperparameter(0.0, 1.0)] double x) => x; _ = Local(0.5); }"),
            "'Local' is a local function, which cannot be an objective. Put [Objective] on a static method declared in a class or struct."),

        // ---- AHPO039: property names that collide in the generated record (generator) ----
        new("AHPO039 names that differ only in the first letter",
            Members("[{|generator.AHPO039:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x, [Hyperparameter(0.0, 1.0)] double X) => 0;"),
            "The hyperparameter 'X' becomes the property 'X' of MParameters, which the hyperparameter 'x' becomes too. Rename the parameter."),
        new("AHPO039 the record's own member",
            Members("[{|generator.AHPO039:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double equalityContract) => 0;"),
            "The hyperparameter 'equalityContract' becomes the property 'EqualityContract' of MParameters, which every record already has. Rename the parameter."),

        // ---- AHPO003: a step larger than the range ----
        new("AHPO003 real step larger than the range",
            Parameters("[{|AHPO003:Hyperparameter(0.0, 1.0, Step = 2.0)|}] double x"),
            "The step 2 of 'x' is invalid: it is larger than the range 1, so only the low bound is reachable. Use a step no larger than the range."),
        new("AHPO003 integer step larger than the range",
            Parameters("[{|AHPO003:Hyperparameter(0, 10, Step = 20)|}] int x"),
            "The step 20 of 'x' is invalid: it is larger than the range 10, so only the low bound is reachable. Use a step no larger than the range."),

        // ---- AHPO040: more than one budget, reported at each [Budget] after the first ----
        new("AHPO040 two budgets",
            Members("[Objective] public static double M([Budget(1, 9)] int a, [{|AHPO040:Budget(1, 9)|}] long b) => a;"),
            "The objective 'M' has more than one [Budget] parameter. Keep one: a scheduler hands out one resource."),

        // ---- AHPO041: invalid budget bounds ----
        new("AHPO041 min below 1",
            Parameters("[{|AHPO041:Budget(0, 9)|}] int epochs"),
            "The budget [0, 9] of 'epochs' is invalid: min must be at least 1 and smaller than max. Correct the bounds, e.g. [Budget(1, 100)]."),
        new("AHPO041 negative min",
            Parameters("[{|AHPO041:Budget(-5, 10)|}] long epochs"),
            "The budget [-5, 10] of 'epochs' is invalid: min must be at least 1 and smaller than max. Correct the bounds, e.g. [Budget(1, 100)]."),
        new("AHPO041 min equal to max",
            Parameters("[{|AHPO041:Budget(9, 9)|}] long epochs"),
            "The budget [9, 9] of 'epochs' is invalid: min must be at least 1 and smaller than max. Correct the bounds, e.g. [Budget(1, 100)]."),
        new("AHPO041 max beyond an int",
            Parameters("[{|AHPO041:Budget(1, 3000000000)|}] int epochs"),
            "The budget [1, 3000000000] of 'epochs' is invalid: min must be at least 1 and smaller than max, and max must fit an int. Correct the bounds, e.g. [Budget(1, 100)]."),

        // ---- AHPO042: budget not an integer ----
        new("AHPO042 double budget",
            Parameters("[{|AHPO042:Budget(1, 9)|}] double epochs"),
            "A budget is a count, but 'epochs' is double. Make it int or long."),

        // ---- AHPO060-063: [ObjectiveFactory], which makes the instance a worker process runs an instance objective on ----
        new("AHPO060 factory takes parameters",
            Prelude + "public partial class D { [{|AHPO060:ObjectiveFactory|}] public static D Make(int n) => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective factory 'Make' takes parameters. Declare it as [ObjectiveFactory] public static D Make() => new(...);"),
        new("AHPO060 factory is not static",
            Prelude + "public partial class D { [{|AHPO060:ObjectiveFactory|}] public D Make() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective factory 'Make' is not static. Declare it as [ObjectiveFactory] public static D Make() => new(...);"),
        new("AHPO060 factory returns another type",
            Prelude + "public partial class D { [{|AHPO060:ObjectiveFactory|}] public static object Make() => new D(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective factory 'Make' returns object, not D. Declare it as [ObjectiveFactory] public static D Make() => new(...);"),
        new("AHPO060 private factory",
            Prelude + "public partial class D { [{|AHPO060:ObjectiveFactory|}] private static D Make() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "The objective factory 'Make' is private, which generated code cannot call. Declare it as [ObjectiveFactory] public static D Make() => new(...);"),
        new("AHPO061 two factories",
            Prelude + "public partial class D { [{|AHPO061:ObjectiveFactory|}] public static D A() => new(); [{|AHPO061:ObjectiveFactory|}] public static D B() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "'D' has more than one [ObjectiveFactory] method. Keep one: every instance objective of the type runs on the instance it returns.",
            "'D' has more than one [ObjectiveFactory] method. Keep one: every instance objective of the type runs on the instance it returns."),
        new("AHPO062 factory beside a static objective only",
            Prelude + "public partial class D { [{|AHPO062:ObjectiveFactory|}] public static D Make() => new(); [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
            "[ObjectiveFactory] on 'Make' has no effect because 'D' has no instance method marked [Objective]. Remove the attribute or add an instance objective."),
        new("AHPO063 instance objective without a factory in a worker program",
            Prelude + "public partial class D { [{|AHPO063:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }\n"
                + "public static class Program { public static async Task<int> Main(string[] args) => await WorkerHost.TryRunAsync(args) ? 0 : 1; }",
            "The objective 'M' is an instance method, and this program hosts worker processes (it calls WorkerHost.TryRunAsync), which cannot create a 'D' to run it on. Add [ObjectiveFactory] public static D Create() => new(...); to 'D', or pass the worker's services (new WorkerHostOptions { Services = ... }) with 'D' registered."),
        new("instance objective with a factory in a worker program",
            Prelude + "public partial class D { [ObjectiveFactory] public static D Create() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }\n"
                + "public static class Program { public static async Task<int> Main(string[] args) => await WorkerHost.TryRunAsync(args) ? 0 : 1; }"),
        new("instance objective without a factory in a worker program that passes its services",
            Prelude + "public partial class D { [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }\n"
                + "public static class Program { public static async Task<int> Main(string[] args) => await WorkerHost.TryRunAsync(args, new WorkerHostOptions { Services = Provider() }) ? 0 : 1; "
                + "private static IServiceProvider Provider() => throw new NotSupportedException(); }"),
        new("AHPO063 instance objective without a factory in a worker program whose options set no services",
            Prelude + "public partial class D { [{|AHPO063:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x; }\n"
                + "public static class Program { public static async Task<int> Main(string[] args) => await WorkerHost.TryRunAsync(args, new WorkerHostOptions { Objectives = null }) ? 0 : 1; }",
            "The objective 'M' is an instance method, and this program hosts worker processes (it calls WorkerHost.TryRunAsync), which cannot create a 'D' to run it on. Add [ObjectiveFactory] public static D Create() => new(...); to 'D', or pass the worker's services (new WorkerHostOptions { Services = ... }) with 'D' registered."),

        new("AHPO064 instance objective without a factory in a program that hosts silo workers",
            Silo("[{|AHPO064:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.AddAttrHpo(o => { });"),
            "The objective 'M' is an instance method, and this program runs trials on Orleans silos (it calls AddAttrHpo on a silo builder), whose workers cannot create a 'D' to run it on. Add [ObjectiveFactory] public static D Create() => new(...); to 'D', or register 'D' in the silo's services (siloBuilder.Services.AddSingleton<D>(...))."),
        new("AHPO064 instance objective whose silo registers another type",
            Silo("[{|AHPO064:Objective|}] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.AddAttrHpo(o => { }); silo.Services.AddSingleton<Other>();"),
            "The objective 'M' is an instance method, and this program runs trials on Orleans silos (it calls AddAttrHpo on a silo builder), whose workers cannot create a 'D' to run it on. Add [ObjectiveFactory] public static D Create() => new(...); to 'D', or register 'D' in the silo's services (siloBuilder.Services.AddSingleton<D>(...))."),
        new("instance objective registered in the silo's services by type argument",
            Silo("[Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.Services.AddSingleton<D>(); silo.AddAttrHpo(o => { });")),
        new("instance objective registered in the silo's services as an instance",
            Silo("[Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.Services.AddSingleton(new D()); silo.AddAttrHpo(o => { });")),
        new("instance objective registered in the silo's services by typeof",
            Silo("[Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.Services.AddTransient(typeof(D)); silo.AddAttrHpo(o => { });")),
        new("instance objective with a factory in a program that hosts silo workers",
            Silo("[ObjectiveFactory] public static D Create() => new(); [Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.AddAttrHpo(o => { });")),
        new("instance objective in a program that adds AttrHpo to plain services, not to a silo",
            Silo("[Objective] public double M([Hyperparameter(0.0, 1.0)] double x) => x;", "silo.Services.AddAttrHpo();")),

        // ---- AHPO050: default value outside the search space (warning), reported at the parameter's name ----
        new("AHPO050 default above a real range",
            Parameters("[Hyperparameter(0.0, 1.0)] double {|AHPO050:x|} = 2.0"),
            "The default value 2 of 'x' is not a value of its search space ([0, 1]). Change the default or the search space."),
        new("AHPO050 default off a real step",
            Parameters("[Hyperparameter(0.0, 1.0, Step = 0.25)] double {|AHPO050:x|} = 0.3"),
            "The default value 0.3 of 'x' is not a value of its search space ([0, 1] step 0.25). Change the default or the search space."),
        new("AHPO050 default below a log range",
            Parameters("[Hyperparameter(0.001, 1.0, Log = true)] double {|AHPO050:x|} = 0"),
            "The default value 0 of 'x' is not a value of its search space ([0.001, 1], log scale). Change the default or the search space."),
        new("AHPO050 float default outside a float range",
            Parameters("[Hyperparameter(0.0, 0.3)] float {|AHPO050:x|} = 0.31f"),
            "The default value 0.31 of 'x' is not a value of its search space ([0, 0.3]). Change the default or the search space."),
        new("AHPO050 default off an int step",
            Parameters("[Hyperparameter(0, 10, Step = 2)] int {|AHPO050:n|} = 3"),
            "The default value 3 of 'n' is not a value of its search space ([0, 10] step 2). Change the default or the search space."),
        new("AHPO050 default below an int range",
            Parameters("[Hyperparameter(1, 10)] long {|AHPO050:n|} = 0"),
            "The default value 0 of 'n' is not a value of its search space ([1, 10]). Change the default or the search space."),
        new("AHPO050 default not a string choice",
            Parameters("[Hyperparameter(\"a\", \"b\", \"c\")] string {|AHPO050:s|} = \"d\""),
            "The default value \"d\" of 's' is not a value of its search space (one of \"a\", \"b\", \"c\"). Change the default or the search space."),
        new("AHPO050 default not a numeric choice",
            Parameters("[Hyperparameter(0.5, 0.9, 0.99)] double {|AHPO050:momentum|} = 0.95"),
            "The default value 0.95 of 'momentum' is not a value of its search space (one of 0.5, 0.9, 0.99). Change the default or the search space."),
        new("AHPO050 default not an enum choice",
            Parameters("[Hyperparameter(Kernel.Rbf, Kernel.Poly)] Kernel {|AHPO050:kernel|} = Kernel.Linear"),
            "The default value Demo.Kernel.Linear of 'kernel' is not a value of its search space (one of Demo.Kernel.Rbf, Demo.Kernel.Poly). Change the default or the search space."),
        new("AHPO050 enum default that no member has",
            Parameters("[Hyperparameter(Kernel.Rbf, Kernel.Poly)] Kernel {|AHPO050:kernel|} = (Kernel)3"),
            "The default value (Demo.Kernel)3 of 'kernel' is not a value of its search space (one of Demo.Kernel.Rbf, Demo.Kernel.Poly). Change the default or the search space."),

        // ---- No diagnostic: near misses of the rules above ----
        new("valid accelerator parameter beside the other injected ones, and Gpu = true without one",
            Members("""
                [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x, ILGPU.Runtime.Accelerator accelerator, TrialContext trial, CancellationToken token) => x;
                [Objective(Gpu = true)] public static double N([Hyperparameter(0.0, 1.0)] double x) => x;
                """)),
        new("valid defaults inside their spaces",
            Parameters("""
                [Hyperparameter(0.0, 1.0, Step = 0.25)] double x = 0.75, [Hyperparameter(0, 10, Step = 2)] int n = 4,
                [Hyperparameter(0.0, 0.3)] float f = 0.3f, [Hyperparameter(0.0, 1.0, Step = 0.1)] float g = 0.3f,
                [Hyperparameter(0.1, 0.2, 0.3)] float h = 0.2f, [Hyperparameter("a", "b")] string s = "b",
                [Hyperparameter(Kernel.Rbf, Kernel.Poly)] Kernel kernel = Kernel.Poly, [Hyperparameter] bool flag = true
                """)),
        new("valid protected internal objective, whole-number real bounds on an int, steps that reach the bound",
            Prelude + """
                public partial class D
                {
                    [Objective] protected internal static Task<long> M(
                        [Hyperparameter(0.0, 10.0)] int n, [Hyperparameter(0.1, 1.0, Step = 0.1)] double x,
                        [Hyperparameter(2, 1024, Log = true, Step = 2)] long m, [Budget(1, 2147483647)] int epochs,
                        TrialContext trial, CancellationToken token) => Task.FromResult(0L);
                }
                """),
        new("valid struct and record containers, one choice",
            Prelude + """
                public partial record struct S { [Objective] public static float M([Hyperparameter("only")] string s) => 0; }
                public partial record R { [Objective] internal static ValueTask<int> M([Hyperparameter(Color.Green)] Color c) => new(0); }
                """),
        new("valid partial objective, declared in two parts",
            Members("[Objective] public static partial double M([Hyperparameter(0.0, 1.0)] double x);\n    public static partial double M(double x) => x;")),
    ];

    public static Case Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];
}
