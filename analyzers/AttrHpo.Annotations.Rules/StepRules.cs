using AttrHpo.Analyzers;

namespace AttrHpo.Annotations.Rules;

/// <summary>What real and integer ranges require of <c>Step</c> alike.</summary>
internal static class StepRules
{
    private const string Advice = "Use a positive step, or leave Step out for a continuous range";

    /// <summary><c>Step = 0</c> written out: 0 is also what an unset Step reads as, but written, it is a mistake, not "continuous".</summary>
    public static Violation WrittenAsZero(string name) =>
        Violation.Of(Descriptors.InvalidStep, "0", name, "it must be positive. " + Advice);

    /// <summary>A negative or non-finite step; <see langword="null"/> for 0 (unset) or a positive finite one.</summary>
    public static Violation? CheckSign(double step, string name) =>
        step < 0 || !Numbers.IsFinite(step)
            ? Violation.Of(Descriptors.InvalidStep, Text.Number(step), name, (Numbers.IsFinite(step) ? "it must be positive. " : "it must be finite. ") + Advice)
            : null;

    /// <summary>A step larger than the range: only the low bound would be reachable.</summary>
    public static Violation LargerThanRange(string step, string name, string span) =>
        Violation.Of(Descriptors.InvalidStep, step, name, $"it is larger than the range {span}, so only the low bound is reachable. Use a step no larger than the range");
}
