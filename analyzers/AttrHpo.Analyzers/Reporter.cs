using System.Collections.Immutable;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers;

/// <summary>Reports the shared rules' <see cref="Violation"/>s as diagnostics, where each mistake is written.</summary>
internal sealed class Reporter(Action<Diagnostic> report, CancellationToken cancellationToken)
{
    public void Report(IEnumerable<Violation> violations)
    {
        foreach (var violation in violations)
        {
            var properties = violation.Reachable is { } reachable
                ? ImmutableDictionary<string, string?>.Empty.Add(Grid.ReachableProperty, reachable)
                : null;
            report(Diagnostic.Create(violation.Descriptor, Locate(violation), properties, [.. violation.Arguments]));
        }
    }

    private Location Locate(Violation violation) => violation.Site switch
    {
        ViolationSite.Symbol => violation.Symbol?.Locations.FirstOrDefault() ?? Location.None,
        ViolationSite.Argument => AtArgument(violation.Attribute, violation.ArgumentIndex, violation.ArgumentCount),
        ViolationSite.ReturnType => AtReturnType(violation.Symbol as IMethodSymbol) ?? At(violation.Attribute),
        _ => At(violation.Attribute),
    };

    /// <summary>The return type as written in the method's declaration, if it has one.</summary>
    private Location? AtReturnType(IMethodSymbol? method) =>
        (method?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as MethodDeclarationSyntax)?.ReturnType.GetLocation();

    /// <summary>The <paramref name="index"/>-th positional argument of the attribute, or the attribute when the arguments are not written one by one.</summary>
    private Location AtArgument(AttributeData? attribute, int index, int expectedCount)
    {
        var syntax = attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var positional = syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return positional is not null && positional.Count == expectedCount && index < positional.Count
            ? positional[index].GetLocation()
            : At(attribute);
    }

    private Location At(AttributeData? attribute) =>
        attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;
}
