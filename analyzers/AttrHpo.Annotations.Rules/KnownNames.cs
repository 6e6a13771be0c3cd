using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>The runtime's types, matched by metadata name: neither the generator nor the analyzers reference the runtime assembly.</summary>
internal static class KnownNames
{
    public const string RuntimeNamespace = "AttrHpo";
    public const string ObjectiveAttribute = "AttrHpo.ObjectiveAttribute";
    public const string ObjectiveFactoryAttribute = "AttrHpo.ObjectiveFactoryAttribute";
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

    /// <summary>The runtime's attribute <paramref name="metadataName"/> on <paramref name="parameter"/>, if it carries one.</summary>
    public static AttributeData? FindRuntimeAttribute(IParameterSymbol parameter, string metadataName) =>
        parameter.GetAttributes().FirstOrDefault(a => IsRuntimeAttribute(a, metadataName));

    public static bool IsTrialContext(ITypeSymbol type) => Is(type, RuntimeNamespace, TrialContext);

    /// <summary>Whether <paramref name="type"/> is ILGPU's <c>Accelerator</c>: the trial's leased device, injected like a TrialContext.</summary>
    public static bool IsAccelerator(ITypeSymbol type) => Is(type, "ILGPU.Runtime", "Accelerator");

    /// <summary>Whether <paramref name="type"/> is the runtime's <c>GpuDevice</c>: the trial's leased GPU, for any GPU library.</summary>
    public static bool IsGpuDevice(ITypeSymbol type) => Is(type, RuntimeNamespace, "GpuDevice");

    /// <summary>Whether a parameter of this type is injected by the study rather than searched.</summary>
    public static bool IsInjected(ITypeSymbol type) => IsTrialContext(type) || IsCancellationToken(type) || IsAccelerator(type) || IsGpuDevice(type);

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "System.Threading", "CancellationToken");

    public static bool IsTask(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "Task`1");

    public static bool IsValueTask(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "ValueTask`1");
}
