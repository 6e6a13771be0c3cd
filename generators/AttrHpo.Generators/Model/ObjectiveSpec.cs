using AttrHpo.Annotations.Rules;
using AttrHpo.Generators.Parsing;

namespace AttrHpo.Generators.Model;

/// <summary>Everything the emitter needs to write the code of one objective method: strings, numbers and equatable arrays only.</summary>
/// <param name="Namespace">The method's namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="MethodName">The method's name.</param>
/// <param name="Id">The stable id, <c>Namespace.Type.Method</c>.</param>
/// <param name="DisplayName">The objective's display name.</param>
/// <param name="Maximize">Whether larger values are better.</param>
/// <param name="Accessibility">The accessibility keyword of the generated types: <c>public</c> or <c>internal</c>.</param>
/// <param name="Return">How the method returns its value.</param>
/// <param name="Parameters">The method's parameters, in declaration order.</param>
internal sealed record ObjectiveSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string MethodName,
    string Id,
    string DisplayName,
    bool Maximize,
    string Accessibility,
    ReturnSpec Return,
    EquatableArray<ParameterSpec> Parameters)
{
    /// <summary>
    /// Whether the annotations are valid. When not, only the shape is emitted (the record and the entry point, whose
    /// <c>Objective</c> throws): user code still compiles, so the analyzers' AHPO errors are what the build reports.
    /// </summary>
    public bool IsValid { get; init; } = true;

    /// <summary>Whether the objective declared <c>Gpu = true</c> on <c>[Objective]</c>.</summary>
    public bool DeclaresGpu { get; init; }

    /// <summary>Whether the method is an instance method: trials run on the instance the study is created from, or the factory's.</summary>
    public bool IsInstance { get; init; }

    /// <summary>The name of the containing type's <c>[ObjectiveFactory]</c> method, for an instance objective that has one.</summary>
    public string? Factory { get; init; }

    /// <summary>Whether each trial needs a device lease: it takes an accelerator or a <c>GpuDevice</c>, or declares <c>Gpu = true</c>.</summary>
    public bool NeedsAccelerator => DeclaresGpu || Parameters.Any(p => p.Kind is ParameterKind.Accelerator or ParameterKind.Device);

    /// <summary>The generated parameters record's name.</summary>
    public string ParametersTypeName => MethodName + "Parameters";

    /// <summary>The generated entry point's name.</summary>
    public string StudyTypeName => MethodName + "Study";

    /// <summary>The containing type's fully qualified name, with <c>global::</c>.</summary>
    public string QualifiedContainingType =>
        "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + string.Join(".", ContainingTypes.Select(t => Identifiers.Escape(t.Name)));

    /// <summary>The file name of the generated source.</summary>
    public string HintName => Id + ".g.cs";
}

/// <summary>A type that contains the objective method, re-declared as partial by the generated code.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's name, unescaped.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>How an objective method returns its value.</summary>
/// <param name="Wrapper">Whether the number comes directly or from a Task or ValueTask.</param>
/// <param name="NumberType">The C# keyword of the number: <c>double</c>, <c>float</c>, <c>int</c> or <c>long</c>.</param>
internal sealed record ReturnSpec(ReturnWrapper Wrapper, string NumberType);
