namespace AttrHpo;

/// <summary>
/// Marks the static method that creates the instance an instance objective runs on, in a process that has none: a worker
/// process started by a <see cref="ProcessExecutor"/> finds the objective by its id and calls this method once, on its
/// first trial, then runs every later trial on the same instance. In process, the instance given to
/// <c>MethodStudy.Create(instance, options)</c> is used as is and the factory is not called.
/// </summary>
/// <remarks>
/// The method is declared in the type that holds the <see cref="ObjectiveAttribute"/> methods, is <c>static</c>, takes no
/// parameters and returns that type; it is <c>public</c> or <c>internal</c>. One per type: every instance objective of the
/// type uses it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ObjectiveFactoryAttribute : Attribute
{
}
