using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Analyzers;

/// <summary>Reports diagnostics at attributes, their arguments, or symbols.</summary>
internal sealed class Reporter(Action<Diagnostic> report, CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public void At(AttributeData attribute, DiagnosticDescriptor descriptor, params object?[] arguments) =>
        Report(descriptor, Location(attribute), null, arguments);

    /// <summary>Reports at the return type as written in the method's declaration, or at <paramref name="fallback"/> when there is none.</summary>
    public void AtReturnType(IMethodSymbol method, AttributeData fallback, DiagnosticDescriptor descriptor, params object?[] arguments)
    {
        var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(CancellationToken) as MethodDeclarationSyntax;
        Report(descriptor, declaration?.ReturnType.GetLocation() ?? Location(fallback), null, arguments);
    }

    public void At(ISymbol symbol, DiagnosticDescriptor descriptor, params object?[] arguments) =>
        Report(descriptor, symbol.Locations.FirstOrDefault() ?? Microsoft.CodeAnalysis.Location.None, null, arguments);

    /// <summary>Reports at the <paramref name="index"/>-th argument of the attribute, or at the attribute when the arguments are not written one by one.</summary>
    public void AtArgument(AttributeData attribute, int index, int expectedCount, DiagnosticDescriptor descriptor, params object?[] arguments) =>
        AtArgument(attribute, index, expectedCount, descriptor, null, arguments);

    public void AtArgument(AttributeData attribute, int index, int expectedCount, DiagnosticDescriptor descriptor, IReadOnlyDictionary<string, string?>? properties, params object?[] arguments)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(CancellationToken) as AttributeSyntax;
        var positional = syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        var location = positional is not null && positional.Count == expectedCount && index < positional.Count
            ? positional[index].GetLocation()
            : Location(attribute);
        Report(descriptor, location, properties, arguments);
    }

    public void At(AttributeData attribute, DiagnosticDescriptor descriptor, IReadOnlyDictionary<string, string?> properties, params object?[] arguments) =>
        Report(descriptor, Location(attribute), properties, arguments);

    private Location Location(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(CancellationToken).GetLocation() ?? Microsoft.CodeAnalysis.Location.None;

    private void Report(DiagnosticDescriptor descriptor, Location location, IReadOnlyDictionary<string, string?>? properties, object?[] arguments) =>
        report(Diagnostic.Create(descriptor, location, properties?.ToImmutableDictionary(), arguments));
}
