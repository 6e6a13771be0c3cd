using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>Where in the source a violation belongs, so that the analyzer reports it where the mistake is written.</summary>
internal enum ViolationSite
{
    /// <summary>The attribute the rule is about (<see cref="Violation.Attribute"/>).</summary>
    Attribute,

    /// <summary>One positional argument of <see cref="Violation.Attribute"/>: <see cref="Violation.ArgumentIndex"/> of <see cref="Violation.ArgumentCount"/>.</summary>
    Argument,

    /// <summary>The symbol the rule is about (<see cref="Violation.Symbol"/>): a parameter, say.</summary>
    Symbol,

    /// <summary>The return type of the method <see cref="Violation.Symbol"/>, or <see cref="Violation.Attribute"/> when it is not written out.</summary>
    ReturnType,
}

/// <summary>
/// One broken annotation rule: the descriptor, the message's arguments, and where it belongs. The rules produce these;
/// the analyzers report them, and the generator emits working code for an objective only when none is an error.
/// </summary>
/// <param name="Descriptor">The AHPO descriptor (from <see cref="AttrHpo.Analyzers.Descriptors"/>).</param>
/// <param name="Arguments">The message's arguments, already formatted.</param>
internal sealed record Violation(DiagnosticDescriptor Descriptor, ImmutableArray<string> Arguments)
{
    public ViolationSite Site { get; init; } = ViolationSite.Attribute;

    public AttributeData? Attribute { get; init; }

    public ISymbol? Symbol { get; init; }

    public int ArgumentIndex { get; init; }

    public int ArgumentCount { get; init; }

    /// <summary>For AHPO004: the largest grid value, which the code fix writes as the new high bound (<see cref="Grid.ReachableProperty"/>).</summary>
    public string? Reachable { get; init; }

    /// <summary>Whether the violation stops the generator from emitting working code.</summary>
    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public static Violation Of(DiagnosticDescriptor descriptor, params string[] arguments) => new(descriptor, [.. arguments]);

    /// <summary>The violation about the <paramref name="index"/>-th of <paramref name="count"/> positional arguments of the attribute.</summary>
    public static Violation AtArgument(int index, int count, DiagnosticDescriptor descriptor, params string[] arguments) =>
        Of(descriptor, arguments) with { Site = ViolationSite.Argument, ArgumentIndex = index, ArgumentCount = count };

    /// <summary>The violation about <paramref name="symbol"/>, reported at it.</summary>
    public static Violation AtSymbol(ISymbol symbol, DiagnosticDescriptor descriptor, params string[] arguments) =>
        Of(descriptor, arguments) with { Site = ViolationSite.Symbol, Symbol = symbol };

    /// <summary>The violation about <paramref name="attribute"/>, reported at it.</summary>
    public static Violation AtAttribute(AttributeData attribute, DiagnosticDescriptor descriptor, params string[] arguments) =>
        Of(descriptor, arguments) with { Attribute = attribute };
}

/// <summary>Questions asked of a set of violations.</summary>
internal static class Violations
{
    /// <summary>Whether any of them is an error: then the generator emits the objective's shape only.</summary>
    public static bool AnyError(this IEnumerable<Violation> violations) => violations.Any(v => v.IsError);

    /// <summary>Each violation with its attribute and symbol filled in where the rule that made it did not know them.</summary>
    public static IEnumerable<Violation> About(this IEnumerable<Violation> violations, AttributeData attribute, ISymbol symbol) =>
        violations.Select(v => v with { Attribute = v.Attribute ?? attribute, Symbol = v.Symbol ?? symbol });
}
