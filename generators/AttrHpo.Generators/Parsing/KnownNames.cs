using Microsoft.CodeAnalysis;

namespace AttrHpo.Generators.Parsing;

/// <summary>The runtime's types, matched by metadata name: the generator never references the runtime assembly.</summary>
internal static class KnownNames
{
    public const string RuntimeNamespace = "AttrHpo";
    public const string ObjectiveAttribute = "AttrHpo.ObjectiveAttribute";
    public const string HyperparameterAttribute = "HyperparameterAttribute";
    public const string BudgetAttribute = "BudgetAttribute";
    public const string TrialContext = "TrialContext";

    /// <summary>Whether <paramref name="type"/> is the type <paramref name="metadataName"/> in namespace <paramref name="ns"/>.</summary>
    public static bool Is(ITypeSymbol? type, string ns, string metadataName) =>
        type is INamedTypeSymbol named
        && named.MetadataName == metadataName
        && named.ContainingType is null
        && named.ContainingNamespace.ToDisplayString() == ns;

    /// <summary>Whether <paramref name="attribute"/> is the runtime's attribute <paramref name="metadataName"/>.</summary>
    public static bool IsRuntimeAttribute(AttributeData attribute, string metadataName) =>
        Is(attribute.AttributeClass, RuntimeNamespace, metadataName);

    public static bool IsTrialContext(ITypeSymbol type) => Is(type, RuntimeNamespace, TrialContext);

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "System.Threading", "CancellationToken");

    public static bool IsTask(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "Task`1");

    public static bool IsValueTask(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "ValueTask`1");
}
