using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace AttrHpo;

/// <summary>
/// Emitted by the generator once per objective on the assembly, naming the generated shim type, so that
/// <see cref="ObjectiveRegistry.FromAssembly"/> finds every objective of an assembly without scanning its types.
/// </summary>
/// <param name="objectiveType">The generated shim: a subclass of <see cref="ObjectiveDefinition{TParameters}"/> with a parameterless constructor.</param>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code only: kept out of IntelliSense
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class RegisteredObjectiveAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors)]
    Type objectiveType) : Attribute
{
    /// <summary>The generated shim type.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors)]
    public Type ObjectiveType { get; } = objectiveType;
}
