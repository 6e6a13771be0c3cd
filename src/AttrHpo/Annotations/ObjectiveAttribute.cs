namespace AttrHpo;

/// <summary>
/// Marks a method as the objective of a study: a static method, or an instance method of a partial class (see
/// <see cref="ObjectiveFactoryAttribute"/>). On <c>dotnet build</c> the AttrHpo generator emits,
/// beside the method, a typed parameters record (<c>MethodParameters</c>) and a static entry point
/// (<c>MethodStudy.Create(...)</c>) that runs studies over the method's <see cref="HyperparameterAttribute"/> parameters.
/// </summary>
/// <remarks>
/// Supported return types: <see cref="double"/>, <see cref="float"/>, <see cref="int"/>, <see cref="long"/>,
/// and <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/> of those. The containing type must be
/// <c>partial</c> so that the generated members can be added to it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ObjectiveAttribute : Attribute
{
    /// <summary>Declares an objective that is minimised.</summary>
    public ObjectiveAttribute()
        : this(Direction.Minimize)
    {
    }

    /// <summary>Declares an objective with the given direction.</summary>
    /// <param name="direction">Whether smaller or larger returned values are better.</param>
    public ObjectiveAttribute(Direction direction) => Direction = direction;

    /// <summary>Whether smaller or larger returned values are better.</summary>
    public Direction Direction { get; }

    /// <summary>A display name for reports; the method's name when not set.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Whether each trial needs a GPU lease although the method takes no <c>ILGPU.Runtime.Accelerator</c> or <see cref="GpuDevice"/>
    /// parameter (it reaches the device through <c>TrialContext.Accelerator</c> of the AttrHpo.Gpu package, say). A method that
    /// takes either needs one anyway.
    /// </summary>
    public bool Gpu { get; set; }
}
